#include <nes/tckn.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace {

using nes::Tckn;
using nes::ValidationCode;

nes::ValidationCode only_code(std::string_view text) {
  const auto parsed = Tckn::parse(text);
  EXPECT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.errors().size(), 1U) << text;
  return parsed.errors().empty() ? ValidationCode::required : parsed.errors().front().code;
}

// Independent reference of the flow.md rule, written the long way.
bool reference_valid(const std::string& d) {
  if (d.size() != 11 || d[0] == '0') return false;
  int v[11];
  for (std::size_t i = 0; i < 11; ++i) {
    if (d[i] < '0' || d[i] > '9') return false;
    v[i] = d[i] - '0';
  }
  const int d10 = (((v[0] + v[2] + v[4] + v[6] + v[8]) * 7 - (v[1] + v[3] + v[5] + v[7])) % 10 + 10) % 10;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += v[i];
  return d10 == v[9] && sum % 10 == v[10];
}

TEST(Tckn, AcceptsKnownValidNumbers) {
  for (const char* valid : {"10000000146", "62601815964", "18301661332", "28609139020", "70308246202", "91948219968"}) {
    const auto parsed = Tckn::parse(valid);
    ASSERT_TRUE(parsed.ok()) << valid;
    EXPECT_EQ(parsed->digits(), valid);
    EXPECT_TRUE(Tckn::is_valid(valid));
  }
}

TEST(Tckn, ReportsEachKindOfProblemWithItsOwnCode) {
  EXPECT_EQ(only_code(""), ValidationCode::required);
  EXPECT_EQ(only_code("10000000145"), ValidationCode::checksum);  // 11th digit off
  EXPECT_EQ(only_code("10000000136"), ValidationCode::checksum);  // 10th digit off
  EXPECT_EQ(only_code("01000000146"), ValidationCode::leading_zero);
  EXPECT_EQ(only_code("1000000014"), ValidationCode::wrong_length);
  EXPECT_EQ(only_code("100000001460"), ValidationCode::wrong_length);
  EXPECT_EQ(only_code("1000000014a"), ValidationCode::invalid_character);
  EXPECT_EQ(only_code("10000 000146"), ValidationCode::invalid_character);
  EXPECT_EQ(only_code(" 10000000146"), ValidationCode::invalid_character);  // no silent trimming
  EXPECT_EQ(only_code("1000000014\n"), ValidationCode::line_break);
  EXPECT_EQ(only_code("1000000014\t"), ValidationCode::control_character);
  EXPECT_EQ(only_code("\xD9\xA1\xD9\xA0\xD9\xA0"), ValidationCode::non_ascii_digit);  // Arabic-Indic ١٠٠
  EXPECT_EQ(only_code("\xEF\xBC\x91"
                      "0000000146"),
            ValidationCode::non_ascii_digit);  // full-width １
  EXPECT_EQ(only_code("1000000014\xFF"), ValidationCode::invalid_utf8);
}

TEST(Tckn, IsValidAgreesWithParseAndWithAReferenceOnASweep) {
  for (long long n = 10000000000LL; n < 10000000000LL + 200000; n += 7) {
    const std::string s = std::to_string(n);
    EXPECT_EQ(Tckn::is_valid(s), reference_valid(s)) << s;
    EXPECT_EQ(Tckn::parse(s).ok(), reference_valid(s)) << s;
  }
}

TEST(Tckn, MaskedShowsOnlyTheLastTwoDigits) { EXPECT_EQ(Tckn::parse("62601815964")->masked(), "*********64"); }

TEST(Tckn, MessagesNeverQuoteTheNumber) {
  const auto parsed = Tckn::parse("62601815965");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.errors().front().message_en, ::testing::Not(::testing::HasSubstr("6260181596")));
  EXPECT_THAT(parsed.errors().front().message_tr, ::testing::Not(::testing::HasSubstr("6260181596")));
}

}  // namespace
