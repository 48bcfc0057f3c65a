#include <nes/error.hpp>
#include <nes/field_error.hpp>

#include <gtest/gtest.h>

#include <set>

namespace {

TEST(ErrorCode, NesErrcConvertsToAnErrorCodeInTheNesCategory) {
  const nes::error_code ec = nes::errc::validation_failed;
  EXPECT_EQ(ec.category().name(), std::string("nes"));
  EXPECT_EQ(ec.message(), "validation failed");
  EXPECT_EQ(ec, nes::errc::validation_failed);
  EXPECT_NE(ec, nes::errc::malformed_input);
  EXPECT_TRUE(static_cast<bool>(ec));
  EXPECT_EQ(nes::make_error_code(nes::errc::invalid_argument).value(), 3);
}

TEST(ValidationCodes, HaveDistinctStableNamesAndBilingualMessages) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(nes::ValidationCode::not_staff); ++i) {
    const auto code = static_cast<nes::ValidationCode>(i);
    const auto name = nes::to_string(code);
    EXPECT_NE(name, "unknown");
    names.insert(name);
    const auto e = nes::make_field_error("x", code, "D");
    EXPECT_FALSE(e.message_tr.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_EQ(e.message_tr.find("{}"), std::string::npos);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(nes::ValidationCode::not_staff) + 1);
  // Spot-check the wire names that the protocol and the CLI rely on.
  EXPECT_EQ(nes::to_string(nes::ValidationCode::checksum), "checksum");
  EXPECT_EQ(nes::to_string(nes::ValidationCode::not_mobile), "not_mobile");
  EXPECT_EQ(nes::to_string(nes::ValidationCode::non_ascii_digit), "non_ascii_digit");
}

}  // namespace

namespace {

TEST(ErrorCode, EveryNesErrcHasItsOwnMessage) {
  std::set<std::string> messages;
  for (int i = 1; i <= static_cast<int>(nes::errc::certificate_not_qualified); ++i) {
    const nes::error_code ec = static_cast<nes::errc>(i);
    EXPECT_NE(ec.message(), "unknown nes error") << i;
    messages.insert(ec.message());
  }
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(nes::errc::certificate_not_qualified));
  EXPECT_EQ(nes::error_code(nes::errc::portal_refused).value(), 17);
}

}  // namespace
