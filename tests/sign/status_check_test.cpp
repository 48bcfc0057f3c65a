// nes::StatusChecker against the reference portal's OCSP responder and CRL,
// over TLS: good, suspended (certificateHold) and then revoked, the
// CRL when a certificate names no responder, and the refusals.

#include "flow_fixture.hpp"
#include "portal/pki/test_pki.hpp"

#include <nes/status_check.hpp>

#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

using nes::test::as_future;
namespace pki = nes::portal::pki;

class StatusCheckTest : public nes::test::ClientFixture {
 protected:
  void SetUp() override {
    nes::portal::PortalOptions options;
    options.certificate_status.ca_certificate_pem = ca_.certificate_pem;
    options.certificate_status.ca_private_key_pem = ca_.private_key_pem;
    options.admin_token.assign("status-check-admin-token");
    start(std::move(options));
    nes::error_code ec;
    transport_ = nes::make_https_transport(io_.get_executor(), client_options(), ec);
    ASSERT_TRUE(transport_) << ec.message();
  }

  pki::Credential holder(bool with_ocsp) {
    return pki::issue(ca_, {.common_name = "AYŞE ÇELİK",
                            .subject_serial_number = "10000000146",
                            .non_repudiation = true,
                            .qualified_nes = true,
                            .ocsp_url = with_ocsp ? portal_->ocsp_url() : std::string(),
                            .crl_url = portal_->crl_url()});
  }

  nes::StatusChecker checker() {
    nes::ValidationSources sources;
    sources.ca_certificates_pem = {ca_.certificate_pem};
    return nes::StatusChecker(transport_, std::move(sources));
  }

  // The serial as the portal's admin API takes it.
  static std::string serial_of(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIGNUM* number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr);
    char* hex = BN_bn2hex(number);
    std::string out = hex;
    OPENSSL_free(hex);
    BN_free(number);
    X509_free(certificate);
    BIO_free(bio);
    return out;
  }

  pki::Credential ca_ = pki::make_ca({.common_name = "NES SDK TEST e-imza CA"});
  std::shared_ptr<nes::Transport> transport_;
};

TEST_F(StatusCheckTest, GoodThenSuspendedThenRevoked) {
  const auto card = holder(true);
  const auto check = checker();
  auto [ec, good] = check.async_check(card.certificate_pem, as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (good.problem() ? good.problem()->detail : "");
  EXPECT_EQ(good->status, nes::RevocationStatus::good);
  EXPECT_EQ(good->source, "OCSP");
  EXPECT_FALSE(good->since);

  const std::string serial = serial_of(card.certificate_pem);
  ASSERT_FALSE(portal_->revoke_certificate("esign", serial, "certificateHold"));
  auto [hec, held] = check.async_check(card.certificate_pem, as_future).get();
  ASSERT_FALSE(hec) << hec.message();
  EXPECT_EQ(held->status, nes::RevocationStatus::suspended);
  EXPECT_EQ(held->reason, "certificateHold");
  EXPECT_TRUE(held->since);

  ASSERT_FALSE(portal_->revoke_certificate("esign", serial, "keyCompromise"));
  auto [rec, revoked] = check.async_check(card.certificate_pem, as_future).get();
  ASSERT_FALSE(rec) << rec.message();
  EXPECT_EQ(revoked->status, nes::RevocationStatus::revoked);
  EXPECT_EQ(revoked->reason, "keyCompromise");
  EXPECT_EQ(nes::to_string(revoked->status), "revoked");
}

TEST_F(StatusCheckTest, ACertificateNamingNoResponderIsCheckedOnItsCrl) {
  const auto card = holder(false);
  auto [ec, good] = checker().async_check(card.certificate_pem, as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (good.problem() ? good.problem()->detail : "");
  EXPECT_EQ(good->source, "CRL");
  ASSERT_FALSE(portal_->revoke_certificate("esign", serial_of(card.certificate_pem), "superseded"));
  auto [rec, revoked] = checker().async_check(card.certificate_pem, as_future).get();
  ASSERT_FALSE(rec) << rec.message();
  EXPECT_EQ(revoked->status, nes::RevocationStatus::revoked);
  EXPECT_EQ(revoked->source, "CRL");
  EXPECT_EQ(revoked->reason, "superseded");
}

TEST_F(StatusCheckTest, AnUnknownIssuerOrNoCertificateIsRefusedWithoutAsking) {
  const auto stranger = pki::issue(pki::make_ca({.common_name = "ANOTHER CA"}), {.common_name = "X"});
  auto [ec, refused] = checker().async_check(stranger.certificate_pem, as_future).get();
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_NE(refused.problem()->detail.find("issuer"), std::string::npos);
  auto [nec, nothing] = checker().async_check("not a certificate", as_future).get();
  EXPECT_EQ(nec, nes::errc::invalid_argument);
}

}  // namespace
