#include <nes/email.hpp>

#include <gtest/gtest.h>

namespace {

using nes::Email;
using nes::ValidationCode;

TEST(Email, AcceptsOrdinaryAddressesAndLowerCasesTheDomainOnly) {
  const auto email = Email::parse("Ayse.Yilmaz+nes@Saglik.GOV.tr");
  ASSERT_TRUE(email.ok());
  EXPECT_EQ(email->address(), "Ayse.Yilmaz+nes@saglik.gov.tr");
  EXPECT_EQ(Email::parse(email->address())->address(), email->address());  // idempotent
  EXPECT_TRUE(Email::parse("a@b.co").ok());
  EXPECT_TRUE(Email::parse("x_y-z@alt-alan.metu.edu.tr").ok());
}

TEST(Email, RefusesMalformedAddresses) {
  for (const char* bad :
       {"ayse", "ayse@", "@saglik.gov.tr", "ayse@saglik", "ayse@@saglik.gov.tr", ".ayse@a.tr", "ay..se@a.tr",
        "ayse.@a.tr", "ayse@-a.tr", "ayse@a-.tr", "ayse@a..tr", "ayse@a.t1", "ay se@a.tr", "ayse@a.tr."}) {
    const auto parsed = Email::parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.errors().front().code, ValidationCode::invalid_email) << bad;
  }
}

TEST(Email, RefusesNonAsciiControlAndOverlongInput) {
  EXPECT_EQ(Email::parse("ayşe@saglik.gov.tr").errors().front().code, ValidationCode::invalid_character);
  EXPECT_EQ(Email::parse("ayse@saglik.gov.tr\n").errors().front().code, ValidationCode::line_break);
  EXPECT_EQ(Email::parse("ayse\x01@a.tr").errors().front().code, ValidationCode::control_character);
  EXPECT_EQ(Email::parse(std::string(250, 'a') + "@a.tr").errors().front().code, ValidationCode::too_long);
  EXPECT_EQ(Email::parse(std::string(65, 'a') + "@a.tr").errors().front().code, ValidationCode::invalid_email);
  EXPECT_EQ(Email::parse("").errors().front().code, ValidationCode::required);
}

}  // namespace
