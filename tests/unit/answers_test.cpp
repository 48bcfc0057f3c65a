#include <nes/answers.hpp>

#include <gtest/gtest.h>

namespace {

TEST(Answers, YesAndNoInTurkishAndEnglishWithTurkishCaseFolding) {
  for (const char* yes : {"evet", "Evet", "EVET", "e", "E", " e ", "yes", "Y", "true", "1"}) {
    EXPECT_EQ(nes::yes_no_from_text(yes), true) << yes;
  }
  for (const char* no : {"hayır", "Hayır", "HAYIR", "hayir", "HAYİR", "h", "H", "no", "N", "false", "0"}) {
    EXPECT_EQ(nes::yes_no_from_text(no), false) << no;
  }
  for (const char* neither : {"", " ", "evt", "2", "hayırr", "ja", "\xFF"}) {
    EXPECT_FALSE(nes::yes_no_from_text(neither).has_value()) << neither;
  }
}

TEST(Answers, AddressTypesAndInformationChannels) {
  EXPECT_EQ(nes::address_type_from_text("ev"), nes::AddressType::home);
  EXPECT_EQ(nes::address_type_from_text("İŞ"), nes::AddressType::work);
  EXPECT_EQ(nes::address_type_from_text("is"), nes::AddressType::work);
  EXPECT_EQ(nes::address_type_from_text("Diğer"), nes::AddressType::other);
  EXPECT_EQ(nes::address_type_from_text("DIGER"), nes::AddressType::other);
  EXPECT_EQ(nes::address_type_from_text("work"), nes::AddressType::work);
  EXPECT_FALSE(nes::address_type_from_text("ofis").has_value());
  EXPECT_EQ(nes::info_channel_from_text("E-Posta"), nes::InfoChannel::email);
  EXPECT_EQ(nes::info_channel_from_text("SMS"), nes::InfoChannel::sms);
  EXPECT_FALSE(nes::info_channel_from_text("faks").has_value());
}

}  // namespace
