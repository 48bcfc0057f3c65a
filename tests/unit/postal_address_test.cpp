#include <nes/postal_address.hpp>
#include <nes/province.hpp>

#include <gtest/gtest.h>

#include <set>

namespace {

using nes::AddressType;
using nes::PostalAddress;
using nes::PostalCode;
using nes::ValidationCode;

TEST(Province, HasAll81WithDistinctNamesInCodeOrder) {
  const auto all = nes::all_provinces();
  ASSERT_EQ(all.size(), 81U);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].code, static_cast<int>(i + 1));
    names.insert(all[i].name);
    // Every canonical name finds itself.
    ASSERT_TRUE(nes::find_province(all[i].name)) << all[i].name;
    EXPECT_EQ(nes::find_province(all[i].name)->code, all[i].code);
  }
  EXPECT_EQ(names.size(), 81U);
  EXPECT_EQ(nes::province_by_code(34)->name, "İstanbul");
  EXPECT_EQ(nes::province_by_code(0), std::nullopt);
  EXPECT_EQ(nes::province_by_code(82), std::nullopt);
}

TEST(Province, MatchesAnyCaseAndAsciiSpellings) {
  for (const char* spelling : {"İstanbul", "istanbul", "İSTANBUL", "ISTANBUL", "Istanbul"}) {
    ASSERT_TRUE(nes::find_province(spelling)) << spelling;
    EXPECT_EQ(nes::find_province(spelling)->code, 34) << spelling;
  }
  EXPECT_EQ(nes::find_province("IĞDIR")->code, 76);
  EXPECT_EQ(nes::find_province("igdir")->code, 76);
  EXPECT_EQ(nes::find_province("sanliurfa")->code, 63);
  EXPECT_EQ(nes::find_province("Hakkâri")->code, 30);
  EXPECT_EQ(nes::find_province("Atlantis"), std::nullopt);
  EXPECT_EQ(nes::find_province("İstanbul 2"), std::nullopt);
  EXPECT_EQ(nes::find_province(""), std::nullopt);
}

TEST(PostalCode, NeedsFiveDigitsWithAProvincePrefix) {
  EXPECT_EQ(PostalCode::parse("34662")->province().name, "İstanbul");
  EXPECT_EQ(PostalCode::parse("01000")->province().code, 1);
  EXPECT_EQ(PostalCode::parse("81000")->province().code, 81);
  for (const char* bad : {"00100", "82000", "99999", "3466", "346620", "34 662", "3466a"}) {
    const auto parsed = PostalCode::parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.errors().front().code, ValidationCode::invalid_postal_code) << bad;
  }
  EXPECT_EQ(PostalCode::parse("34\xEF\xBC\x96\x36\x32").errors().front().code, ValidationCode::non_ascii_digit);
}

TEST(PostalAddress, NormalisesAndChecksTheProvinceAgainstThePostalCode) {
  const auto address =
      PostalAddress::parse(AddressType::home, " Bağlarbaşı Mah.  No: 12 ", "Üsküdar", "istanbul", "34664");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->line(), "Bağlarbaşı Mah. No: 12");
  EXPECT_EQ(address->province().name, "İstanbul");
  EXPECT_EQ(address->postal_code()->digits(), "34664");

  const auto mismatch = PostalAddress::parse(AddressType::home, "Atatürk Cad.", "Merkez", "Muğla", "06100");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.errors().front().field, "postal_code");
  EXPECT_EQ(mismatch.errors().front().code, ValidationCode::province_mismatch);
  EXPECT_NE(mismatch.errors().front().message_tr.find("Ankara"), std::string::npos);
}

TEST(PostalAddress, AcceptsDistrictsWithDigitsAndRefusesLineBreaks) {
  EXPECT_TRUE(PostalAddress::parse(AddressType::home, "Kale Mah.", "19 Mayıs", "Samsun").ok());
  const auto slash = PostalAddress::parse(AddressType::home, "Kale Mah.", "/Merkez", "Samsun");
  ASSERT_FALSE(slash.ok());
  EXPECT_EQ(slash.errors().front().field, "district");
  EXPECT_EQ(slash.errors().front().code, ValidationCode::invalid_character);
  const auto parsed = PostalAddress::parse(AddressType::home, "Cumhuriyet Mah.\r\nNo: 7", "", "Trabzonn");
  ASSERT_FALSE(parsed.ok());
  ASSERT_EQ(parsed.errors().size(), 3U);
  EXPECT_EQ(parsed.errors()[0].code, ValidationCode::line_break);
  EXPECT_EQ(parsed.errors()[1].code, ValidationCode::required);
  EXPECT_EQ(parsed.errors()[2].code, ValidationCode::unknown_province);
}

TEST(AddressType, RoundTripsThroughItsName) {
  for (const auto type : {AddressType::home, AddressType::work, AddressType::other}) {
    EXPECT_EQ(nes::address_type_from_string(nes::to_string(type)), type);
  }
  EXPECT_EQ(nes::address_type_from_string("Home"), std::nullopt);
}

}  // namespace
