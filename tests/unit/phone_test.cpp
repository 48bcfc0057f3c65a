#include <nes/phone.hpp>

#include <gtest/gtest.h>

namespace {

using nes::LandlinePhone;
using nes::MobilePhone;
using nes::ValidationCode;

ValidationCode mobile_code(std::string_view text) {
  const auto parsed = MobilePhone::parse(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? ValidationCode::required : parsed.errors().front().code;
}

TEST(MobilePhone, EverySpellingNormalisesToTheSameE164) {
  for (const char* spelling : {"05321234567", "5321234567", "+905321234567", "+90 532 123 45 67", "0532 123 45 67",
                               "0 (532) 123-45-67", "(0532) 123 45 67", "+90-532-123-4567", "+90 (532) 123 45 67",
                               "0090 532 123 45 67", "905321234567", "532.123.45.67", "0532-123-4567"}) {
    const auto parsed = MobilePhone::parse(spelling);
    ASSERT_TRUE(parsed.ok()) << spelling;
    EXPECT_EQ(parsed->e164(), "+905321234567") << spelling;
  }
}

TEST(MobilePhone, NormalisationIsIdempotent) {
  const auto once = MobilePhone::parse("0 (505) 765-43-21");
  ASSERT_TRUE(once.ok());
  const auto twice = MobilePhone::parse(once->e164());
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*twice, *once);
}

TEST(MobilePhone, RefusesALandlineAndOtherNumbers) {
  EXPECT_EQ(mobile_code("0312 210 20 00"), ValidationCode::not_mobile);
  EXPECT_EQ(mobile_code("+90 212 555 12 12"), ValidationCode::not_mobile);
  EXPECT_EQ(mobile_code("0850 222 00 00"), ValidationCode::not_mobile);
  EXPECT_EQ(mobile_code("+44 7911 123456"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("0532 123 45 6"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("0532 123 45 678"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("0532 + 123 45 67"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("((0532)) 123 45 67"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("0532) 123 45 67"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("(0532 123 45 67"), ValidationCode::invalid_phone);
  EXPECT_EQ(mobile_code("0532 123 45 67 ext"), ValidationCode::invalid_character);
  EXPECT_EQ(mobile_code("0532/123 45 67"), ValidationCode::invalid_character);
  EXPECT_EQ(mobile_code("\xEF\xBC\x90\xEF\xBC\x95\xEF\xBC\x93\xEF\xBC\x92 123 45 67"), ValidationCode::non_ascii_digit);
  EXPECT_EQ(mobile_code("\xDB\xB0\xDB\xB5\xDB\xB3\xDB\xB2 123 45 67"), ValidationCode::non_ascii_digit);  // ۰۵۳۲
  EXPECT_EQ(mobile_code("0532 123\r\n45 67"), ValidationCode::line_break);
  EXPECT_EQ(mobile_code("0532 123 45 67 0000000000000000000000000"), ValidationCode::too_long);
  EXPECT_EQ(mobile_code(""), ValidationCode::required);
}

TEST(MobilePhone, DisplayAndMaskFollowThePortal) {
  const auto phone = MobilePhone::parse("05329879290");
  ASSERT_TRUE(phone.ok());
  EXPECT_EQ(phone->display(), "+90 532 987 92 90");
  EXPECT_EQ(phone->masked(), "*** *** 92 90");
}

TEST(LandlinePhone, AcceptsGeographicNumbersWithExtension) {
  const auto phone = LandlinePhone::parse("(0312) 298 10 00", "1234");
  ASSERT_TRUE(phone.ok());
  EXPECT_EQ(phone->e164(), "+903122981000");
  EXPECT_EQ(phone->extension(), "1234");
  EXPECT_EQ(phone->display(), "+90 312 298 10 00 / 1234");
  for (const char* number : {"0212 555 12 12", "+90 216 555 12 12", "0488 213 00 00", "0222 335 05 80"}) {
    EXPECT_TRUE(LandlinePhone::parse(number).ok()) << number;
  }
}

TEST(LandlinePhone, RefusesMobileAndNonGeographicNumbers) {
  for (const char* number : {"0532 123 45 67", "0850 222 00 00", "0444 1 444", "0800 211 00 00", "0292 000 00 00"}) {
    const auto parsed = LandlinePhone::parse(number);
    ASSERT_FALSE(parsed.ok()) << number;
    EXPECT_EQ(parsed.errors().front().field, "number");
  }
  EXPECT_EQ(LandlinePhone::parse("0532 123 45 67").errors().front().code, ValidationCode::not_landline);
  EXPECT_EQ(LandlinePhone::parse("0850 222 00 00").errors().front().code, ValidationCode::not_landline);
}

TEST(LandlinePhone, ChecksTheExtensionSeparately) {
  const auto parsed = LandlinePhone::parse("0532 123 45 67", "12a");
  ASSERT_FALSE(parsed.ok());
  ASSERT_EQ(parsed.errors().size(), 2U);  // both problems at once
  EXPECT_EQ(parsed.errors()[1].field, "extension");
  EXPECT_EQ(parsed.errors()[1].code, ValidationCode::invalid_extension);
  EXPECT_EQ(LandlinePhone::parse("0312 298 10 00", "1234567").errors().front().code, ValidationCode::invalid_extension);
  EXPECT_EQ(LandlinePhone::parse("0312 298 10 00", "\xD9\xA1\xD9\xA2").errors().front().code,
            ValidationCode::non_ascii_digit);
}

}  // namespace
