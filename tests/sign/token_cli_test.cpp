// `nes token list` on the shared SoftHSM2 token: what a person sees of
// their certificates (the T.C. Kimlik No, expiry and days left, whether it
// can e-sign), as text and as JSON.

#include "signing_fixture.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <string>

namespace nes::test {
namespace {

int nes_cli(const std::string& args, std::string& output) {
  return run_command(std::string(NES_CLI) + " " + args, &output);
}

std::string token_args(const SoftHsmToken& token) {
  return "token list --module '" + token.module.string() + "' --token-label '" + token.label + "'";
}

TEST(TokenCli, ListsEveryCertificateWithItsHolderExpiryAndDaysLeft) {
  NES_REQUIRE_TOKEN(token);
  std::string out;
  ASSERT_EQ(nes_cli(token_args(*token), out), 0) << out;
  EXPECT_NE(out.find(token->label), std::string::npos) << out;
  EXPECT_NE(out.find("PIN: tamam"), std::string::npos) << out;
  EXPECT_EQ(count_of(out, "T.C. Kimlik No: " + token->holder_tckn), 5U) << out;
  EXPECT_EQ(count_of(out, " gün kaldı)"), 4U) << out;
  EXPECT_EQ(count_of(out, "nitelikli:      evet (NES)"), 3U) << out;
  EXPECT_EQ(count_of(out, "hayır: test sertifikası; Kamu SM kabul etmez"), 2U) << out;
  EXPECT_EQ(count_of(out, "(süresi doldu, "), 1U) << out;
  EXPECT_EQ(count_of(out, "hayır: e-imza sertifikası değil"), 1U) << out;
  EXPECT_EQ(out.find("days left"), std::string::npos) << out;  // Turkish only
  // The same in English, with no Turkish of the program's own.
  ASSERT_EQ(nes_cli("--lang en " + token_args(*token), out), 0) << out;
  EXPECT_NE(out.find("PIN: ok"), std::string::npos) << out;
  EXPECT_EQ(count_of(out, " days left)"), 4U) << out;
  EXPECT_EQ(count_of(out, "qualified:      yes (NES)"), 3U) << out;
  EXPECT_EQ(count_of(out, "no: not an e-imza certificate"), 1U) << out;
  EXPECT_EQ(out.find("gün"), std::string::npos) << out;
  EXPECT_NE(out.find("RSA 2048, CKA_ID 01"), std::string::npos) << out;
  EXPECT_NE(out.find("ECDSA P-256, CKA_ID 02"), std::string::npos) << out;
}

TEST(TokenCli, JsonGivesDaysLeftAndValidity) {
  NES_REQUIRE_TOKEN(token);
  std::string out;
  ASSERT_EQ(nes_cli(token_args(*token) + " --json", out), 0) << out;
  const auto document = boost::json::parse(out);
  const auto& tokens = document.at("tokens").as_array();
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_EQ(tokens[0].at("serial").as_string(), token->serial);
  const auto& certificates = tokens[0].at("certificates").as_array();
  ASSERT_EQ(certificates.size(), 5U);
  for (const auto& c : certificates) {
    EXPECT_EQ(c.at("tckn").as_string(), token->holder_tckn);
    const bool expired = c.at("id").as_string() == "03";
    EXPECT_EQ(c.at("valid_now").as_bool(), !expired);
    EXPECT_EQ(c.at("days_left").as_int64() < 0, expired);
    EXPECT_EQ(c.at("non_repudiation").as_bool(), c.at("id").as_string() != "04");
    EXPECT_EQ(c.at("qualified").as_bool(), c.at("id").as_string() < "04");
  }
}

TEST(TokenCli, AnUnknownTokenOrModuleIsExitOneWithTheReason) {
  NES_REQUIRE_TOKEN(token);
  std::string out;
  EXPECT_EQ(nes_cli("token list --module '" + token->module.string() + "' --token-label 'NO SUCH TOKEN'", out), 1);
  EXPECT_NE(out.find("etiket NO SUCH TOKEN"), std::string::npos) << out;
  EXPECT_EQ(nes_cli("token list --module /nonexistent/libakisp11.so", out), 1);
  EXPECT_NE(out.find("/nonexistent/libakisp11.so"), std::string::npos) << out;
  EXPECT_EQ(nes_cli("token frobnicate", out), 2);
}

}  // namespace
}  // namespace nes::test
