#include <nes/person_name.hpp>

#include <gtest/gtest.h>

namespace {

using nes::PersonName;
using nes::ValidationCode;

TEST(PersonName, AcceptsEveryTurkishLetterAndCommonPunctuation) {
  const auto name = PersonName::parse("Çağrı İnanç", "Öztürk-Şıkgöz");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->full(), "Çağrı İnanç Öztürk-Şıkgöz");
  EXPECT_TRUE(PersonName::parse("M. Ali", "O'Neil").ok());
  EXPECT_TRUE(PersonName::parse("Gülşen", "Ünal’ın").ok());
}

TEST(PersonName, UpperCasesTheTurkishWay) {
  EXPECT_EQ(PersonName::parse("İsmail", "Işık")->full_upper_tr(), "İSMAİL IŞIK");
  EXPECT_EQ(PersonName::parse("ilkay", "ılgaz")->full_upper_tr(), "İLKAY ILGAZ");
}

TEST(PersonName, NormalisesSpacesAndToNfcIdempotently) {
  const auto once = PersonName::parse("  Ayşe   Gül ",
                                      "S\xCC\xA7"
                                      "ahin");
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(once->first(), "Ayşe Gül");
  EXPECT_EQ(once->last(), "Şahin");
  const auto twice = PersonName::parse(once->first(), once->last());
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*twice, *once);
}

TEST(PersonName, ReportsBothPartsAtOnce) {
  const auto parsed = PersonName::parse("Ali2", "   ");
  ASSERT_FALSE(parsed.ok());
  ASSERT_EQ(parsed.errors().size(), 2U);
  EXPECT_EQ(parsed.errors()[0].field, "first_name");
  EXPECT_EQ(parsed.errors()[0].code, ValidationCode::invalid_character);
  EXPECT_EQ(parsed.errors()[1].field, "last_name");
  EXPECT_EQ(parsed.errors()[1].code, ValidationCode::required);
}

TEST(PersonName, MustStartWithALetter) {
  for (const char* bad : {".", "-", "'", "-Ali", ".Ali", "\xCC\x87"}) {  // the last: a lone combining dot
    const auto parsed = PersonName::parse(bad, "Kaya");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.errors().front().code, ValidationCode::invalid_character) << bad;
  }
  EXPECT_TRUE(PersonName::parse("Ömer", "Kaya").ok());
}

TEST(PersonName, RefusesHostileAndBrokenText) {
  const auto code = [](std::string_view first) { return PersonName::parse(first, "Kaya").errors().front().code; };
  EXPECT_EQ(code("Zeynep\xC2\xA0Nur"), ValidationCode::invalid_character);   // no-break space
  EXPECT_EQ(code("Zeynep\xE2\x80\xAE"), ValidationCode::invalid_character);  // right-to-left override
  EXPECT_EQ(code("Zeynep\xE2\x80\x8B"), ValidationCode::invalid_character);  // zero-width space
  EXPECT_EQ(code("Zeynep\x07"), ValidationCode::control_character);
  EXPECT_EQ(code("Zeynep\nNur"), ValidationCode::line_break);
  EXPECT_EQ(code("Zeynep\xE2\x80\xA8Nur"), ValidationCode::line_break);  // U+2028
  EXPECT_EQ(code("Zeynep\xD9\xA3"), ValidationCode::non_ascii_digit);
  EXPECT_EQ(code("Zey\xC3nep"), ValidationCode::invalid_utf8);
  EXPECT_EQ(code(std::string(61, 'a')), ValidationCode::too_long);
  EXPECT_TRUE(PersonName::parse(std::string(60, 'a'), "Kaya").ok());
  EXPECT_EQ(code(std::string(30, 'a') + std::string(31, 'a')), ValidationCode::too_long);
  // Length counts characters, not bytes: 60 two-byte letters fit.
  std::string sixty_s_cedilla;
  for (int i = 0; i < 60; ++i) sixty_s_cedilla += "ş";
  EXPECT_TRUE(PersonName::parse(sixty_s_cedilla, "Kaya").ok());
}

}  // namespace
