#include <nes/text.hpp>

#include <gtest/gtest.h>

namespace {

using namespace nes::text;

TEST(TurkishCase, MapsDottedAndDotlessIPairs) {
  EXPECT_EQ(to_upper_tr("istanbul"), "İSTANBUL");
  EXPECT_EQ(to_upper_tr("ılık"), "ILIK");
  EXPECT_EQ(to_lower_tr("IĞDIR"), "ığdır");
  EXPECT_EQ(to_lower_tr("İZMİR"), "izmir");
  EXPECT_EQ(to_upper_tr("çğıiöşü"), "ÇĞIİÖŞÜ");
  EXPECT_EQ(to_lower_tr("ÇĞIİÖŞÜ"), "çğıiöşü");
  EXPECT_EQ(to_upper_tr("Işık İnce"), "IŞIK İNCE");
}

TEST(TurkishCase, RoundTripsEveryTurkishLetter) {
  const std::string lower = "abcçdefgğhıijklmnoöprsştuüvyz";
  const std::string upper = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ";
  EXPECT_EQ(to_upper_tr(lower), upper);
  EXPECT_EQ(to_lower_tr(upper), lower);
}

TEST(Nfc, ComposesDecomposedTurkishLetters) {
  EXPECT_EQ(to_nfc("S\xCC\xA7"
                   "ahin"),
            "Şahin");  // S + combining cedilla
  EXPECT_EQ(to_nfc("I\xCC\x87"
                   "nce"),
            "İnce");                    // I + combining dot above
  EXPECT_EQ(to_nfc("g\xCC\x86"), "ğ");  // g + combining breve
  EXPECT_EQ(to_nfc("Şahin"), "Şahin");  // already NFC
}

TEST(Utf8, AcceptsWellFormedAndRefusesEveryKindOfMalformedSequence) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("ğ€𝄞"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));  // invalid lead
  EXPECT_FALSE(is_valid_utf8("\xC4"));              // truncated ğ
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("a\xC4z"));  // continuation missing mid-string
}

TEST(Utf8, HelpersRefuseInvalidInputInsteadOfRepairingIt) {
  EXPECT_EQ(to_upper_tr("a\xFF"), std::nullopt);
  EXPECT_EQ(to_lower_tr("\xC0\x80"), std::nullopt);
  EXPECT_EQ(to_nfc("\xED\xA0\x80"), std::nullopt);
}

}  // namespace

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

namespace {

// The validators skip ICU's NFC check for text whose code points are all
// below U+0300 (src/text/unicode.hpp). That holds only if every such code
// point is NFC_Quick_Check=Yes with combining class 0: check ICU's data.
TEST(Nfc, CodePointsBelowCombiningMarksAreAlwaysNfc) {
  for (UChar32 cp = 0; cp < 0x300; ++cp) {
    EXPECT_EQ(u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK), UNORM_YES) << cp;
    EXPECT_EQ(u_getCombiningClass(cp), 0) << cp;
  }
  EXPECT_NE(u_getIntPropertyValue(0x300, UCHAR_NFC_QUICK_CHECK), UNORM_YES);  // the boundary is real
}

}  // namespace
