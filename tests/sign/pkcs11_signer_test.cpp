// Pkcs11Signer against a SoftHSM2 token: CAdES-BES signatures checked by
// `openssl cms`, and every refusal before and at the PIN.

#include "signing_fixture.hpp"

#include <nes/pkcs11_signer.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

namespace {

using nes::test::count_of;
using nes::test::RecordingPin;
using nes::test::run_to_end;
using nes::test::token_options;

const std::string document =
    "NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU\nAd: Ayşe Gül\nSoyad: Çağlayan Öztürk\nİl: İstanbul\n";

// P4 with a policy digest made here: the signer takes any it is given.
nes::SignatureProfile p4() { return {"P4", std::string(*nes::turkish_policy_oid("P4")), std::string(32, '\x5a')}; }

std::pair<nes::error_code, nes::Result<nes::Signature>> sign_with(boost::asio::io_context& io,
                                                                  const nes::Pkcs11Options& options,
                                                                  const std::string& bytes = document,
                                                                  const nes::SignatureProfile& profile = p4()) {
  nes::error_code ec;
  std::string detail;
  auto signer = nes::Pkcs11Signer::create(io.get_executor(), options, ec, &detail);
  EXPECT_TRUE(signer) << detail;
  if (!signer) return {ec, {}};
  return run_to_end<nes::Signature>(io, [&](auto handler) { signer->async_sign(bytes, profile, std::move(handler)); });
}

class Pkcs11SignerTest : public ::testing::TestWithParam<const char*> {};

TEST_P(Pkcs11SignerTest, MakesADetachedCadesBesThatOpensslVerifies) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, GetParam(), pin.source()));
  ASSERT_FALSE(ec) << ec.message() << " " << (signature.problem() ? signature.problem()->detail : "");
  // The PIN was asked once, with the token and the certificate it unlocks.
  ASSERT_EQ(pin.requests.size(), 1U);
  EXPECT_EQ(pin.requests[0].token.label, token->label);
  EXPECT_EQ(pin.requests[0].certificate.tckn, token->holder_tckn);
  EXPECT_EQ(signature->signer.tckn, token->holder_tckn);
  EXPECT_EQ(signature->signer.token_object_id, GetParam());

  std::string output;
  EXPECT_TRUE(nes::test::openssl_verifies(signature->cms_der, document, token->ca_file, &output)) << output;
  const std::string printed = nes::test::openssl_print(signature->cms_der);
  // CAdES-BES: each signed attribute once, SHA-256, the certificate inside, no content.
  EXPECT_EQ(count_of(printed, "object: contentType"), 1U) << printed;
  EXPECT_EQ(count_of(printed, "object: messageDigest"), 1U);
  EXPECT_EQ(count_of(printed, "object: signingTime"), 1U);
  EXPECT_EQ(count_of(printed, "object: id-smime-aa-signingCertificateV2"), 1U);
  EXPECT_EQ(count_of(printed, "object: S/MIME Capabilities"), 0U);
  // The profile's policy and the commitment (their values are parsed by
  // tests/sign/cades_attributes.py and by the portal's tests).
  EXPECT_EQ(count_of(printed, "object: id-smime-aa-ets-sigPolicyId"), 1U) << printed;
  EXPECT_EQ(count_of(printed, "object: id-smime-aa-ets-commitmentType"), 1U);
  EXPECT_NE(printed.find("algorithm: sha256"), std::string::npos);
  EXPECT_NE(printed.find("eContent: <ABSENT>"), std::string::npos);
  EXPECT_NE(printed.find("serialNumber=" + token->holder_tckn), std::string::npos);
}

TEST_P(Pkcs11SignerTest, CadesBesNamesNoPolicyButTheCommitment) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, GetParam(), pin.source()), document, {});
  ASSERT_FALSE(ec) << ec.message();
  const std::string printed = nes::test::openssl_print(signature->cms_der);
  EXPECT_EQ(count_of(printed, "object: id-smime-aa-ets-sigPolicyId"), 0U) << printed;
  EXPECT_EQ(count_of(printed, "object: id-smime-aa-ets-commitmentType"), 1U);
}

TEST_P(Pkcs11SignerTest, APolicyDigestOfTheWrongSizeIsRefusedBeforeThePin) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  const nes::SignatureProfile bad{"P4", std::string(*nes::turkish_policy_oid("P4")), "short"};
  auto [ec, signature] = sign_with(io, token_options(*token, GetParam(), pin.source()), document, bad);
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  ASSERT_TRUE(signature.problem());
  EXPECT_EQ(signature.problem()->code, "signature_profile_invalid");
  EXPECT_TRUE(pin.requests.empty());
}

TEST_P(Pkcs11SignerTest, ATamperedDocumentFailsVerification) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, GetParam(), pin.source()));
  ASSERT_FALSE(ec) << ec.message();
  std::string tampered = document;
  tampered.replace(tampered.find("Ayşe"), 5, "Ayse");
  std::string output;
  EXPECT_FALSE(nes::test::openssl_verifies(signature->cms_der, tampered, token->ca_file, &output));
  EXPECT_NE(output.find("content verify error"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(RsaAndEcdsa, Pkcs11SignerTest, ::testing::Values("01", "02"), [](const auto& param_info) {
  return std::string(param_info.param) == "01" ? "Rsa2048" : "EcdsaP256";
});

// Two signers on one module in one process (an officer's and a person's,
// say): the first one gone, the second still signs. C_Finalize is
// process-wide, so only the last one may call it.
TEST(Pkcs11Signer, ASignerGoneLeavesAnotherOnTheSameModuleWorking) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  nes::error_code ec;
  std::string detail;
  auto first = nes::Pkcs11Signer::create(io.get_executor(), token_options(*token, "01", pin.source()), ec, &detail);
  auto second = nes::Pkcs11Signer::create(io.get_executor(), token_options(*token, "02", pin.source()), ec, &detail);
  ASSERT_TRUE(first && second) << detail;
  for (const auto& signer : {first, second}) {
    auto [sec, signature] =
        run_to_end<nes::Signature>(io, [&](auto handler) { signer->async_sign(document, p4(), std::move(handler)); });
    ASSERT_FALSE(sec) << sec.message() << (signature.problem() ? " " + signature.problem()->detail : "");
  }
  first.reset();
  auto [sec, signature] =
      run_to_end<nes::Signature>(io, [&](auto handler) { second->async_sign(document, p4(), std::move(handler)); });
  ASSERT_FALSE(sec) << sec.message() << (signature.problem() ? " " + signature.problem()->detail : "");
  EXPECT_FALSE(signature->cms_der.empty());
}

TEST(Pkcs11Signer, AnExpiredCertificateIsRefusedBeforeThePin) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "03", pin.source()));
  EXPECT_EQ(ec, nes::errc::signer_certificate_expired);
  ASSERT_TRUE(signature.problem());
  EXPECT_NE(signature.problem()->detail.find("serialNumber=" + token->holder_tckn), std::string::npos);
  EXPECT_TRUE(pin.requests.empty());
}

TEST(Pkcs11Signer, ACertificateWithoutNonRepudiationIsRefusedBeforeThePin) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "04", pin.source()));
  EXPECT_EQ(ec, nes::errc::certificate_not_for_signing);
  EXPECT_TRUE(pin.requests.empty());
}

TEST(Pkcs11Signer, ACertificateThatIsNotAQualifiedNesIsRefusedBeforeThePin) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "05", pin.source()));
  EXPECT_EQ(ec, nes::errc::certificate_not_qualified);
  ASSERT_TRUE(signature.problem());
  EXPECT_EQ(signature.problem()->code, "certificate_not_qualified");
  EXPECT_NE(signature.problem()->detail.find("no certificate policies"), std::string::npos)
      << signature.problem()->detail;
  EXPECT_TRUE(pin.requests.empty());
}

TEST(Pkcs11Signer, ATestCertificateSignsOnlyWhenAllowedInSoManyWords) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto options = token_options(*token, "05", pin.source());
  options.accept_unqualified_certificate = true;
  auto [ec, signature] = sign_with(io, options);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_FALSE(signature.value().signer.qualified);
  EXPECT_EQ(pin.requests.size(), 1U);
}

TEST(Pkcs11Signer, WithoutAnIdTwoSigningCertificatesAreAmbiguous) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "", pin.source()));
  EXPECT_EQ(ec, nes::errc::certificate_ambiguous);
  ASSERT_TRUE(signature.problem());
  EXPECT_NE(signature.problem()->detail.find("01"), std::string::npos);
  EXPECT_NE(signature.problem()->detail.find("02"), std::string::npos);
  EXPECT_EQ(signature.problem()->detail.find("03"), std::string::npos);  // expired: cannot sign
  EXPECT_TRUE(pin.requests.empty());
}

TEST(Pkcs11Signer, AnUnknownIdIsNotFound) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "7f", pin.source()));
  EXPECT_EQ(ec, nes::errc::certificate_not_found);
}

TEST(Pkcs11Signer, AWrongPinIsRefusedOnceAndNeverRetried) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{"9999", {}};
  auto [ec, signature] = sign_with(io, token_options(*token, "01", pin.source()));
  EXPECT_EQ(ec, nes::errc::pin_incorrect);
  ASSERT_TRUE(signature.problem());
  EXPECT_EQ(signature.problem()->code, "pin_incorrect");
  EXPECT_EQ(pin.requests.size(), 1U);  // asked once: the SDK does not try again
  // The right PIN still works: one wrong try did not lock the token.
  RecordingPin right{token->pin, {}};
  auto [ec2, signature2] = sign_with(io, token_options(*token, "01", right.source()));
  EXPECT_FALSE(ec2) << ec2.message();
}

TEST(Pkcs11Signer, APersonWhoGivesUpEndsTheOperationAsAborted) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  auto gives_up = [](const nes::PinRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
    give(boost::asio::error::operation_aborted, {});
  };
  auto [ec, signature] = sign_with(io, token_options(*token, "01", gives_up));
  EXPECT_EQ(ec, boost::asio::error::operation_aborted);
  // A callback that drops `give` without calling it ends the same way.
  auto forgets = [](const nes::PinRequest&, std::function<void(nes::error_code, nes::SecretString)>) {};
  auto [ec2, signature2] = sign_with(io, token_options(*token, "01", forgets));
  EXPECT_EQ(ec2, boost::asio::error::operation_aborted);
}

TEST(Pkcs11Signer, TheTokenIsChosenByLabelOrSerialNeverBySlot) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto by_serial = token_options(*token, "02", pin.source());
  by_serial.token_label.clear();
  by_serial.token_serial = token->serial;
  auto [ec, signature] = sign_with(io, by_serial);
  EXPECT_FALSE(ec) << ec.message();

  auto wrong_label = token_options(*token, "02", pin.source());
  wrong_label.token_label = "NO SUCH TOKEN";
  auto [ec2, signature2] = sign_with(io, wrong_label);
  EXPECT_EQ(ec2, nes::errc::token_not_found);
  ASSERT_TRUE(signature2.problem());
  EXPECT_NE(signature2.problem()->detail.find(token->label), std::string::npos);  // says which tokens there are
}

TEST(Pkcs11Signer, ListsTokensAndCertificatesWithDaysLeft) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  nes::error_code ec;
  auto signer = nes::Pkcs11Signer::create(io.get_executor(), token_options(*token, "", {}), ec);
  ASSERT_TRUE(signer);
  auto [tec, tokens] =
      run_to_end<std::vector<nes::TokenInfo>>(io, [&](auto handler) { signer->async_tokens(std::move(handler)); });
  ASSERT_FALSE(tec);
  ASSERT_EQ(tokens->size(), 1U);
  EXPECT_EQ(tokens->front().label, token->label);
  EXPECT_EQ(tokens->front().serial, token->serial);
  EXPECT_FALSE(tokens->front().pin.locked);

  auto [cec, certificates] = run_to_end<std::vector<nes::CertificateInfo>>(
      io, [&](auto handler) { signer->async_certificates(std::move(handler)); });
  ASSERT_FALSE(cec);
  ASSERT_EQ(certificates->size(), 5U);
  std::map<std::string, nes::CertificateInfo> by_id;
  for (const auto& c : *certificates) by_id[c.token_object_id] = c;
  EXPECT_EQ(by_id["01"].key_type, "RSA 2048");
  EXPECT_EQ(by_id["02"].key_type, "ECDSA P-256");
  EXPECT_GE(by_id["01"].days_left().count(), 363);
  EXPECT_LE(by_id["01"].days_left().count(), 365);
  EXPECT_LT(by_id["03"].days_left().count(), 0);
  EXPECT_FALSE(by_id["04"].non_repudiation);
  EXPECT_TRUE(by_id["01"].qualified);
  EXPECT_TRUE(by_id["02"].qualified);
  EXPECT_FALSE(by_id["04"].qualified);
  EXPECT_TRUE(by_id["05"].non_repudiation);
  EXPECT_FALSE(by_id["05"].qualified);
  EXPECT_EQ(by_id["01"].tckn, token->holder_tckn);
  EXPECT_EQ(by_id["01"].common_name, token->holder_name);
  EXPECT_NE(by_id["01"].issuer.find("NES TEST e-imza CA"), std::string::npos);
}

TEST(Pkcs11Signer, TheModuleComesFromThePathTheEnvironmentOrDiscovery) {
  boost::asio::io_context io;
  nes::error_code ec;
  std::string detail;
  nes::Pkcs11Options options;
  options.module = "/nonexistent/libakisp11.so";
  EXPECT_FALSE(nes::Pkcs11Signer::create(io.get_executor(), options, ec, &detail));
  EXPECT_EQ(ec, nes::errc::pkcs11_module_not_found);
  EXPECT_NE(detail.find("/nonexistent/libakisp11.so"), std::string::npos);

  setenv("NES_PKCS11_MODULE", "/nonexistent/from-env.so", 1);
  EXPECT_FALSE(nes::find_pkcs11_module({}, ec, &detail));
  EXPECT_NE(detail.find("NES_PKCS11_MODULE"), std::string::npos);
  if (const auto module = nes::test::softhsm_module()) {
    setenv("NES_PKCS11_MODULE", module->c_str(), 1);
    EXPECT_EQ(nes::find_pkcs11_module({}, ec), *module);
  }
  unsetenv("NES_PKCS11_MODULE");
  // Discovery looks where the AKİS module lives, and says where it looked.
  if (!nes::find_pkcs11_module({}, ec, &detail)) {
    EXPECT_EQ(ec, nes::errc::pkcs11_module_not_found);
    EXPECT_NE(detail.find("libakisp11"), std::string::npos);
  }
}

}  // namespace

namespace {

TEST(Pkcs11Signer, AModuleThatRefusesInitialisationArgumentsStillSigns) {
  NES_REQUIRE_TOKEN(token);
  setenv("NES_TEST_REAL_PKCS11", token->module.c_str(), 1);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto options = token_options(*token, "02", pin.source());
  options.module = NES_PICKY_PKCS11;
  auto [ec, signature] = sign_with(io, options);
  ASSERT_FALSE(ec) << ec.message() << " " << (signature.problem() ? signature.problem()->detail : "");
  EXPECT_TRUE(nes::test::openssl_verifies(signature->cms_der, document, token->ca_file));
}

}  // namespace

namespace {

std::shared_ptr<nes::Pkcs11Signer> make_signer(boost::asio::io_context& io, const nes::Pkcs11Options& options) {
  nes::error_code ec;
  std::string detail;
  auto signer = nes::Pkcs11Signer::create(io.get_executor(), options, ec, &detail);
  EXPECT_TRUE(signer) << detail;
  return signer;
}

TEST(SigningSession, OnePinForManySignaturesThenLoggedOut) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto signer = make_signer(io, token_options(*token, "02", pin.source()));
  auto [oec, opened] = run_to_end<std::shared_ptr<nes::SigningSession>>(
      io, [&](auto handler) { signer->async_open_session(std::move(handler)); });
  ASSERT_FALSE(oec) << oec.message();
  auto session = *opened;
  EXPECT_EQ(session->certificate().tckn, token->holder_tckn);
  EXPECT_EQ(session->token().label, token->label);
  for (int i = 0; i < 5; ++i) {
    const std::string each = document + "Sıra: " + std::to_string(i) + "\n";
    auto [ec, signature] =
        run_to_end<nes::Signature>(io, [&](auto handler) { session->async_sign(each, p4(), std::move(handler)); });
    ASSERT_FALSE(ec) << ec.message();
    std::string output;
    EXPECT_TRUE(nes::test::openssl_verifies(signature->cms_der, each, token->ca_file, &output)) << output;
  }
  EXPECT_EQ(pin.requests.size(), 1U);  // five signatures, one PIN

  // While it is open the signer itself refuses, and asks for no PIN.
  auto [bec, busy] =
      run_to_end<nes::Signature>(io, [&](auto handler) { signer->async_sign(document, p4(), std::move(handler)); });
  EXPECT_EQ(bec, nes::errc::invalid_argument);
  ASSERT_TRUE(busy.problem());
  EXPECT_EQ(busy.problem()->code, "signing_session_open");
  EXPECT_EQ(pin.requests.size(), 1U);

  // A list in one call: every signature, in the list's order.
  const std::vector<std::string> list = {document + "1\n", document + "2\n", document + "3\n"};
  auto [lec, signed_list] = run_to_end<std::vector<nes::Signature>>(
      io, [&](auto handler) { session->async_sign_all(list, p4(), std::move(handler)); });
  ASSERT_FALSE(lec) << lec.message();
  ASSERT_EQ(signed_list->size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string output;
    EXPECT_TRUE(nes::test::openssl_verifies((*signed_list)[i].cms_der, list[i], token->ca_file, &output)) << output;
  }
  EXPECT_FALSE(nes::test::openssl_verifies((*signed_list)[0].cms_der, list[1], token->ca_file, nullptr));
  EXPECT_EQ(pin.requests.size(), 1U);

  session->close();
  auto [aec, after] = run_to_end<std::vector<nes::Signature>>(
      io, [&](auto handler) { session->async_sign_all(list, p4(), std::move(handler)); });
  ASSERT_TRUE(after.problem());
  EXPECT_EQ(after.problem()->code, "signing_session_closed");
  EXPECT_NE(after.problem()->detail.find("document 1 of 3"), std::string::npos) << after.problem()->detail;
  auto [cec, closed] =
      run_to_end<nes::Signature>(io, [&](auto handler) { session->async_sign(document, p4(), std::move(handler)); });
  ASSERT_TRUE(closed.problem());
  EXPECT_EQ(closed.problem()->code, "signing_session_closed");
  // The signer is free again, and logs in for itself.
  auto [sec, signature] =
      run_to_end<nes::Signature>(io, [&](auto handler) { signer->async_sign(document, p4(), std::move(handler)); });
  EXPECT_FALSE(sec) << sec.message();
  EXPECT_EQ(pin.requests.size(), 2U);
}

TEST(SigningSession, DroppingTheLastReferenceLogsOut) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{token->pin, {}};
  auto signer = make_signer(io, token_options(*token, "01", pin.source()));
  {
    auto [oec, opened] = run_to_end<std::shared_ptr<nes::SigningSession>>(
        io, [&](auto handler) { signer->async_open_session(std::move(handler)); });
    ASSERT_FALSE(oec) << oec.message();
  }
  auto [ec, tokens] =
      run_to_end<std::vector<nes::TokenInfo>>(io, [&](auto handler) { signer->async_tokens(std::move(handler)); });
  EXPECT_FALSE(ec) << ec.message() << " " << (tokens.problem() ? tokens.problem()->code : "");
}

TEST(SigningSession, AWrongPinOpensNothingAndIsNotRetried) {
  NES_REQUIRE_TOKEN(token);
  boost::asio::io_context io;
  RecordingPin pin{"9999", {}};
  auto signer = make_signer(io, token_options(*token, "01", pin.source()));
  auto [ec, opened] = run_to_end<std::shared_ptr<nes::SigningSession>>(
      io, [&](auto handler) { signer->async_open_session(std::move(handler)); });
  EXPECT_EQ(ec, nes::errc::pin_incorrect);
  ASSERT_TRUE(opened.problem());
  EXPECT_EQ(opened.problem()->code, "pin_incorrect");
  EXPECT_EQ(pin.requests.size(), 1U);
  auto [tec, tokens] =
      run_to_end<std::vector<nes::TokenInfo>>(io, [&](auto handler) { signer->async_tokens(std::move(handler)); });
  EXPECT_FALSE(tec) << tec.message();
}

}  // namespace
