// HR prefill: CSV edge cases, and a generated 10,000-row export with a known
// set of bad rows, each of which must be reported on its field with its
// code while every other row becomes a valid draft.

#include "prefill/csv_reader.hpp"

#include <nes/form_json.hpp>
#include <nes/prefill.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace {

// A valid T.C. Kimlik No from a nine-digit serial (flow.md's check digits).
std::string tckn(std::uint32_t serial) {
  std::string d = std::to_string(serial);
  auto digit = [&](int i) { return d[static_cast<std::size_t>(i)] - '0'; };
  const int d10 =
      ((digit(0) + digit(2) + digit(4) + digit(6) + digit(8)) * 7 - (digit(1) + digit(3) + digit(5) + digit(7))) % 10;
  d += static_cast<char>('0' + (d10 + 10) % 10);
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += digit(i);
  d += static_cast<char>('0' + sum % 10);
  return d;
}

const std::string header =
    "tckn,first_name,last_name,mobile_phone,email,info_channel,unit,work_phone,extension,address_type,address_line,"
    "district,province,postal_code,validity_years,card_reader,publish_online\n";

std::string good_row(std::uint32_t i) {
  return tckn(100000000 + i) + ",Çağrı,Öztürk-Işıl,0532 " + std::to_string(100 + i % 900) + " 45 67,,sms," +
         "\"Fizik Bölümü, Araştırma Grubu\",(0312) 210 20 00,42,work,\"Üniversiteler Mah. No: "
         "1\",Çankaya,Ankara,06800," +
         "3,hayır,evet\n";
}

std::vector<std::string> codes_of(const nes::PrefillRow& row) {
  std::vector<std::string> out;
  for (const auto& p : row.problems) out.push_back(p.field + ":" + std::string(to_string(p.code)));
  return out;
}

TEST(CsvReader, QuotesLineEndsBomAndBlankLines) {
  const auto records = nes::prefill::read_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n,last,\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(records[1].line, 3U);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ(records[2].line, 5U);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"", "last", ""}));
  for (const auto& r : records) EXPECT_TRUE(r.error.empty()) << r.error;
}

TEST(CsvReader, AnUnclosedQuoteOrAStrayQuoteIsAnError) {
  EXPECT_EQ(nes::prefill::read_csv("a,\"b\n").back().error, "a quoted field is not closed");
  EXPECT_EQ(nes::prefill::read_csv("a,b\"c\n").back().error, "a quote inside an unquoted field");
  EXPECT_EQ(nes::prefill::read_csv("\"a\"b,c\n").back().error, "text after a closing quote");
}

TEST(Prefill, TenThousandRowsWithKnownBadRowsEachReportedOnItsField) {
  std::ostringstream csv;
  csv << header;
  // line → the problems expected there (the header is line 1).
  std::map<std::size_t, std::vector<std::string>> expected;
  std::size_t line = 2;
  for (std::uint32_t i = 0; i < 10000; ++i, ++line) {
    std::string row = good_row(i);
    if (i % 997 == 1) {  // a check digit off
      row[10] = row[10] == '9' ? '0' : static_cast<char>(row[10] + 1);
      expected[line] = {"identity.tckn:checksum"};
    } else if (i % 997 == 2) {  // a landline where the mobile goes
      row.replace(row.find("0532"), 4, "0312");
      expected[line] = {"identity.mobile_phone:not_mobile"};
    } else if (i % 997 == 3) {  // the postal code of another province
      row.replace(row.find("06800"), 5, "34000");
      expected[line] = {"delivery.postal_code:province_mismatch"};
    } else if (i % 997 == 4) {  // a validity the institution does not offer, and no surname
      row.replace(row.find(",3,hayır"), std::string(",3,hayır").size(), ",9,hayır");
      row.replace(row.find("Öztürk-Işıl"), std::string("Öztürk-Işıl").size(), "");
      expected[line] = {"certificate.validity_years:not_offered", "identity.last_name:required"};
    } else if (i % 997 == 5) {  // invalid UTF-8 in the first name
      row.replace(row.find("Çağrı"), std::string("Çağrı").size(), "\xC3\x28");
      expected[line] = {"identity.first_name:invalid_utf8"};
    } else if (i % 997 == 6) {  // a column short
      row = row.substr(0, row.rfind(',')) + "\n";
      expected[line] = {":malformed_csv"};
    } else if (i % 997 == 7) {  // the person of an earlier good row, again
      row = good_row(i - 7);
      expected[line] = {"identity.tckn:duplicate_person"};
    } else if (i % 997 == 8) {  // yes/no that is neither
      row.replace(row.find(",hayır,"), std::string(",hayır,").size(), ",belki,");
      expected[line] = {"certificate.card_reader:wrong_type"};
    }
    csv << row;
  }
  std::ifstream catalogue_file(NES_EXAMPLES_DIR "/forms/catalogue.json");
  std::stringstream catalogue_text;
  catalogue_text << catalogue_file.rdbuf();
  const auto catalogue = nes::decode_institution_catalogue(catalogue_text.str());
  ASSERT_TRUE(catalogue);

  std::size_t progress_calls = 0;
  const auto result =
      nes::prefill_forms(csv.str(), "yok-akademik", catalogue.value(), [&](std::size_t done, std::size_t total) {
        ++progress_calls;
        EXPECT_EQ(total, 10000U);
        EXPECT_LE(done, total);
      });
  EXPECT_TRUE(result.file_problems.empty());
  ASSERT_EQ(result.rows.size(), 10000U);
  EXPECT_EQ(progress_calls, 10000U);
  EXPECT_EQ(result.invalid(), expected.size());
  EXPECT_EQ(result.valid(), 10000U - expected.size());
  for (const auto& row : result.rows) {
    const auto want = expected.find(row.line);
    if (want == expected.end()) {
      EXPECT_TRUE(row.problems.empty()) << "line " << row.line << ": " << ::testing::PrintToString(codes_of(row));
      ASSERT_TRUE(row.form) << row.line;
      EXPECT_EQ(row.form->institution.id, "yok-akademik");
      EXPECT_EQ(row.form->identity.mobile_phone.substr(0, 6), "+90532");  // normalised
      EXPECT_EQ(row.form->institution.unit, "Fizik Bölümü, Araştırma Grubu");
    } else {
      EXPECT_EQ(codes_of(row), want->second) << "line " << row.line;
      EXPECT_FALSE(row.form) << row.line;
    }
  }
  EXPECT_EQ(result.rows[0].tckn_masked.substr(3, 6), "******");
}

TEST(Prefill, UnknownAndRepeatedColumnsAreFileProblemsAndRowsGoOn) {
  const auto result = nes::prefill_forms("tckn,first_name,shoe_size,tckn\n" + tckn(123456789) + ",Ali,42,x\n", "meb");
  ASSERT_EQ(result.file_problems.size(), 2U);
  EXPECT_EQ(result.file_problems[0].field, "shoe_size");
  EXPECT_EQ(result.file_problems[0].code, nes::ValidationCode::unknown_field);
  EXPECT_EQ(result.file_problems[1].code, nes::ValidationCode::duplicate_field);
  ASSERT_EQ(result.rows.size(), 1U);
  EXPECT_FALSE(result.rows[0].form);  // the rest of the form is missing
  const auto codes = codes_of(result.rows[0]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "identity.last_name:required"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "identity.tckn:checksum"), codes.end());
}

TEST(Prefill, TurkishYesNoAndChoicesAsSpreadsheetsWriteThem) {
  const std::string row = tckn(100000001) +
                          ",Çağrı,Öztürk,0532 123 45 67,cagri@example.org,E-Posta,Fizik,(0312) 210 20 00,,İŞ,"
                          "\"Üniversiteler Mah. No: 1\",Çankaya,Ankara,06800,3,HAYIR,Evet\n";
  const auto result = nes::prefill_forms(header + row, "yok-akademik");
  ASSERT_EQ(result.rows.size(), 1U);
  ASSERT_TRUE(result.rows[0].form.has_value())
      << (result.rows[0].problems.empty() ? "" : result.rows[0].problems[0].field);
  const auto& form = *result.rows[0].form;
  EXPECT_EQ(form.certificate.card_reader, false);
  EXPECT_EQ(form.certificate.publish_online, true);
  EXPECT_EQ(form.delivery.address_type, nes::AddressType::work);
  EXPECT_EQ(form.identity.info_channel, nes::InfoChannel::email);

  // A word that is no answer is named on its field, not guessed.
  const std::string odd = tckn(100000002) +
                          ",Çağrı,Öztürk,0532 123 45 67,,sms,Fizik,(0312) 210 20 00,,ofis,"
                          "\"Üniversiteler Mah. No: 1\",Çankaya,Ankara,06800,3,belki,evet\n";
  const auto refused = nes::prefill_forms(header + odd, "yok-akademik");
  ASSERT_EQ(refused.rows.size(), 1U);
  std::vector<std::string> fields;
  for (const auto& p : refused.rows[0].problems) fields.push_back(p.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "delivery.address_type"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "certificate.card_reader"), fields.end());
}

TEST(Prefill, AnEmptyFileIsAFileProblem) {
  const auto result = nes::prefill_forms("", "meb");
  ASSERT_EQ(result.file_problems.size(), 1U);
  EXPECT_EQ(result.file_problems[0].code, nes::ValidationCode::malformed_csv);
  EXPECT_TRUE(result.rows.empty());
}

}  // namespace

namespace {

// The officer's request rows: only a request's fields are checked; the
// delivery address and the rest are the applicant's to give later.
TEST(PrefillRequests, ChecksOnlyWhatARequestCarriesAndReportsEachRowOnItsField) {
  const std::string csv =
      "tckn,first_name,last_name,email,unit,work_phone,district\n"
      "53304452938,elif ,Kaya,Elif.Kaya@ORNEK.edu.tr,Bilgi İşlem,0312 298 20 00,\n"
      "53304452939,Murat,Çelik,murat@ornek.edu.tr,Bilgi İşlem,0312 298 20 00,\n"
      "87943454688,Zeynep,Doğan,,Bilgi İşlem,0532 111 22 33,\n"
      "53304452938,Elif,Kaya,elif@ornek.edu.tr,Bilgi İşlem,0312 298 20 00,\n";
  const auto result = nes::prefill_requests(csv);
  EXPECT_TRUE(result.file_problems.empty());
  ASSERT_EQ(result.rows.size(), 4U);
  const auto& good = result.rows[0];
  ASSERT_TRUE(good.valid());
  EXPECT_EQ(good.tckn.reveal(), "53304452938");
  EXPECT_EQ(good.first_name, "elif");  // the portal compares names as MERNİS does
  EXPECT_EQ(good.work_email, "Elif.Kaya@ornek.edu.tr");
  EXPECT_EQ(good.work_phone, "+903122982000");
  EXPECT_EQ(good.tckn_masked, "533******38");

  auto codes = [&](std::size_t i) {
    std::vector<std::string> out;
    for (const auto& p : result.rows[i].problems) out.push_back(p.field + " " + std::string(nes::to_string(p.code)));
    return out;
  };
  EXPECT_EQ(codes(1), std::vector<std::string>{"identity.tckn checksum"});
  EXPECT_EQ(result.rows[1].tckn.reveal(), "53304452939");  // as written, to be corrected
  EXPECT_EQ(result.rows[2].work_phone, "0532 111 22 33");
  EXPECT_EQ(codes(2), (std::vector<std::string>{"identity.email required", "institution.work_phone not_landline"}));
  EXPECT_EQ(codes(3), std::vector<std::string>{"identity.tckn duplicate_person"});
  EXPECT_EQ(result.rows[3].line, 5U);
}

}  // namespace
