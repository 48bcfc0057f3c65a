// PIN Oluşturma/Kilit Çözme on a SoftHSM2 token: the PIN changed with the
// PIN (C_SetPIN), and set anew with the PUK, the token's security officer PIN
// (C_Login(CKU_SO), C_InitPIN). Each is tried once; a wrong PIN or PUK is
// refused with the token's flags and never retried.
//
// SoftHSM2 counts wrong PINs (count low) but never locks a PIN; a real card
// does, and its locked PIN is unblocked by the same call.

#include "signing_fixture.hpp"

#include <nes/pkcs11_signer.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

namespace nes::test {
namespace {

class TokenPinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!softhsm_module() || run_command("command -v pkcs11-tool softhsm2-util") != 0) {
      GTEST_SKIP() << "SoftHSM2 and OpenSC are required (scripts/setup-deps tokens)";
    }
    token_ = make_softhsm_token(directory_, "10000000146", "AYŞE GÜL ŞAHİN", "NES PIN TEST");
    error_code ec;
    signer_ = Pkcs11Signer::create(io_.get_executor(), {.module = token_.module, .token_label = token_.label}, ec);
    ASSERT_TRUE(signer_) << ec.message();
  }
  void TearDown() override {
    signer_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::pair<error_code, Result<TokenInfo>> change(const std::string& current, const std::string& replacement) {
    return run_to_end<TokenInfo>(io_, [&](auto handler) {
      signer_->async_change_pin(SecretString(current), SecretString(replacement), std::move(handler));
    });
  }
  std::pair<error_code, Result<TokenInfo>> unblock(const std::string& puk, const std::string& replacement) {
    return run_to_end<TokenInfo>(io_, [&](auto handler) {
      signer_->async_unblock_pin(SecretString(puk), SecretString(replacement), std::move(handler));
    });
  }

  std::filesystem::path directory_ =
      std::filesystem::temp_directory_path() / ("nes-token-pin-" + std::to_string(::getpid()));
  boost::asio::io_context io_;
  SoftHsmToken token_;
  std::shared_ptr<Pkcs11Signer> signer_;
};

TEST_F(TokenPinTest, ThePinIsChangedWithThePinAndAWrongOneChangesNothing) {
  auto [wec, wrong] = change("9999", "24681357");
  EXPECT_EQ(wec, errc::pin_incorrect);
  ASSERT_NE(wrong.problem(), nullptr);
  EXPECT_EQ(wrong.problem()->code, "pin_incorrect");

  auto [rec, rejected] = change(token_.pin, "1");
  EXPECT_EQ(rec, errc::pin_rejected) << "SoftHSM2 takes PINs of 4 to 255 characters";

  auto [ec, changed] = change(token_.pin, "24681357");
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(changed->label, token_.label);
  EXPECT_FALSE(changed->pin.count_low) << "a right PIN clears the count of wrong ones";
  // The old PIN is gone, the new one works.
  EXPECT_EQ(change(token_.pin, "13572468").first, errc::pin_incorrect);
  EXPECT_FALSE(change("24681357", "13572468").first);
}

TEST_F(TokenPinTest, ThePukSetsANewPinInPlaceOfAForgottenOne) {
  auto [wec, wrong] = unblock("00000000", "97531864");
  EXPECT_EQ(wec, errc::puk_incorrect);
  ASSERT_NE(wrong.problem(), nullptr);
  EXPECT_EQ(wrong.problem()->code, "puk_incorrect");
  auto [tec, tokens] = run_to_end<std::vector<TokenInfo>>(io_, [&](auto h) { signer_->async_tokens(std::move(h)); });
  ASSERT_FALSE(tec) << tec.message();
  EXPECT_TRUE(tokens->front().puk.count_low) << "the token counted the wrong PUK";

  auto [ec, unblocked] = unblock(token_.so_pin, "97531864");
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_FALSE(unblocked->pin.locked);
  EXPECT_FALSE(unblocked->puk.count_low);
  // The forgotten PIN no longer opens the card; the new one does.
  EXPECT_EQ(change(token_.pin, "11223344").first, errc::pin_incorrect);
  EXPECT_FALSE(change("97531864", "11223344").first);
}

}  // namespace
}  // namespace nes::test
