// CAdES-X-L for BTK's P3 and P4 on the SoftHSM2 token, the status asked of
// the portal's OCSP responder and CRLs over TLS on loopback: the signature
// still verifies (`openssl cms -verify`), and validation_data.py parses its
// validation data with python3-asn1crypto and has OpenSSL verify every
// embedded OCSP answer and CRL offline. A revoked certificate signs nothing.

#include "cades/signature_certificates.hpp"
#include "flow_fixture.hpp"
#include "portal/approval/signature_check.hpp"
#include "portal/pki/test_pki.hpp"
#include "signing_fixture.hpp"
#include "validation/long_term_values.hpp"

#include <nes/approver.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>
#include <nes/validation_data_signer.hpp>

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <future>

#include <unistd.h>
#include <fstream>

namespace {

using nes::test::as_future;

const std::string document = "NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU\nAd: Ayşe\nSoyad: Çelik\n";

nes::SignatureProfile profile(const char* name) {
  return {name, std::string(*nes::turkish_policy_oid(name)), std::string(32, '\x5a')};
}

// The serial of the certificate in PEM `file`, as `openssl x509 -serial` prints it.
std::string token_serial(const std::filesystem::path& file) {
  std::string out;
  nes::test::run_command("openssl x509 -noout -serial -in '" + file.string() + "'", &out);
  const auto start = out.find('=') + 1;
  return out.substr(start, out.find_first_of("\r\n", start) - start);
}

class ValidationData : public nes::test::ClientFixture {
 protected:
  // The portal publishes the status of `token`'s certificates.
  void start_for(const nes::test::SoftHsmToken& token) {
    nes::portal::PortalOptions options;
    options.trust_ca_pem = {token.ca_pem};
    options.certificate_status.ca_certificate_pem = token.ca_pem;
    options.certificate_status.ca_private_key_pem = token.ca_key_pem;
    start(std::move(options));
  }

  std::shared_ptr<nes::Transport> transport() {
    nes::error_code ec;
    auto t = nes::make_https_transport(io_.get_executor(), client_options(), ec);
    EXPECT_TRUE(t) << ec.message();
    return t;
  }

  // Card, time stamp, validation data: the whole P3/P4 chain of signers.
  std::shared_ptr<nes::Signer> card_for(const nes::test::SoftHsmToken& token, const std::string& id) {
    nes::error_code ec;
    std::string detail;
    std::shared_ptr<nes::Signer> card =
        nes::Pkcs11Signer::create(io_.get_executor(), nes::test::token_options(token, id, pin_.source()), ec, &detail);
    EXPECT_TRUE(card) << detail;
    return card;
  }

  std::shared_ptr<nes::Signer> signer_for(const nes::test::SoftHsmToken& token, const std::string& id) {
    auto stamped = std::make_shared<nes::TimestampingSigner>(card_for(token, id), timestamps());
    nes::ValidationSources sources;
    sources.ca_certificates_pem = {token.ca_pem, portal_->timestamp_ca_pem()};
    sources.default_ocsp_url = portal_->ocsp_url();  // the portal's TSA certificate names none
    return std::make_shared<nes::ValidationDataSigner>(std::move(stamped), transport(), std::move(sources));
  }

  // validation_data.py's verdict on `cms_der` for `profile_name`.
  std::string independent_check(const std::string& cms_der, const char* profile_name, int& status) const {
    const auto path = std::filesystem::temp_directory_path() / ("nes-xl-" + std::to_string(::getpid()) + ".p7s");
    std::ofstream(path, std::ios::binary) << cms_der;
    std::string out;
    status = nes::test::run_command(std::string(NES_DEBIAN_PYTHON3) + " '" + NES_SIGN_TESTS_DIR +
                                        "/validation_data.py' '" + path.string() + "' " + profile_name,
                                    &out);
    std::filesystem::remove(path);
    return out;
  }

  nes::test::RecordingPin pin_{"", {}};
};

TEST_F(ValidationData, AP4SignatureCarriesOcspAnswersAboutTheSignerAndTheTsa) {
  NES_REQUIRE_TOKEN(token);
  start_for(*token);
  pin_.pin = token->pin;
  auto [ec, signature] = signer_for(*token, "01")->async_sign(document, profile("P4"), as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (signature.problem() ? signature.problem()->detail : "");
  std::string output;
  EXPECT_TRUE(nes::test::openssl_verifies(signature->cms_der, document, token->ca_file, &output)) << output;
  int status = -1;
  output = independent_check(signature->cms_der, "P4", status);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("0 CRLs"), std::string::npos) << output;  // the token's certificates name no CRL point
  EXPECT_EQ(pin_.requests.size(), 1U);
}

TEST_F(ValidationData, AP3SignatureCarriesTheCrlItsCertificateNames) {
  if (!nes::test::softhsm_module() || nes::test::run_command("command -v pkcs11-tool softhsm2-util") != 0) {
    GTEST_SKIP() << "SoftHSM2 and OpenSC are required (scripts/setup-deps tokens)";
  }
  // The portal first, so that the certificates can name its CRL and OCSP addresses.
  const auto ca = nes::portal::pki::make_ca({.common_name = "NES SDK TEST e-imza CA"});
  nes::portal::PortalOptions options;
  options.trust_ca_pem = {ca.certificate_pem};
  options.certificate_status.ca_certificate_pem = ca.certificate_pem;
  options.certificate_status.ca_private_key_pem = ca.private_key_pem;
  start(std::move(options));
  const auto directory = std::filesystem::temp_directory_path() / ("nes-xl-token-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  // This token's SOFTHSM2_CONF only for this test: the shared token's again after it.
  const char* shared_conf = std::getenv("SOFTHSM2_CONF");
  const std::shared_ptr<void> restore_conf(nullptr,
                                           [conf = std::string(shared_conf != nullptr ? shared_conf : "")](void*) {
                                             if (conf.empty()) {
                                               unsetenv("SOFTHSM2_CONF");
                                             } else {
                                               setenv("SOFTHSM2_CONF", conf.c_str(), 1);
                                             }
                                           });
  const auto token = nes::test::make_softhsm_token(directory, "10000000146", "AYŞE ÇELİK", "NES XL",
                                                   {.ca_certificate_pem = ca.certificate_pem,
                                                    .ca_private_key_pem = ca.private_key_pem,
                                                    .ocsp_url = portal_->ocsp_url(),
                                                    .crl_url = portal_->crl_url()});
  pin_.pin = token.pin;

  auto [ec, signature] = signer_for(token, "02")->async_sign(document, profile("P3"), as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (signature.problem() ? signature.problem()->detail : "");
  int status = -1;
  const auto output = independent_check(signature->cms_der, "P3", status);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("1 CRLs"), std::string::npos) << output;

  // The same token for P4: the signer's OCSP address is its certificate's own.
  auto [p4_ec, p4] = signer_for(token, "02")->async_sign(document, profile("P4"), as_future).get();
  ASSERT_FALSE(p4_ec) << p4_ec.message() << " " << (p4.problem() ? p4.problem()->detail : "");
  EXPECT_EQ(independent_check(p4->cms_der, "P4", status).find("0 CRLs") != std::string::npos, true);
  EXPECT_EQ(status, 0);

  // Revoked: no signature comes back, for either profile.
  const auto serial = token_serial(directory / "cert02.pem");
  ASSERT_FALSE(portal_->revoke_certificate("esign", serial, "keyCompromise"));
  for (const char* name : {"P3", "P4"}) {
    auto [rec, revoked] = signer_for(token, "02")->async_sign(document, profile(name), as_future).get();
    EXPECT_EQ(rec, nes::errc::certificate_revoked) << name << ": " << rec.message();
    ASSERT_TRUE(revoked.problem()) << name;
    EXPECT_EQ(revoked.problem()->code, "certificate_revoked");
    EXPECT_NE(revoked.problem()->detail.find("keyCompromise"), std::string::npos) << revoked.problem()->detail;
    EXPECT_EQ(revoked.problem()->detail.rfind("the signer's certificate (CN=", 0), 0U) << revoked.problem()->detail;
  }
  std::filesystem::remove_all(directory);
}

TEST_F(ValidationData, WithoutTheCaCertificatesThePathIsIncompleteAndBesPassesUnchanged) {
  NES_REQUIRE_TOKEN(token);
  start_for(*token);
  pin_.pin = token->pin;
  std::string detail;
  const auto card = card_for(*token, "01");
  auto stamped = std::make_shared<nes::TimestampingSigner>(card, timestamps());
  nes::ValidationDataSigner without_cas(stamped, transport(), {});
  auto [pec, incomplete] = without_cas.async_sign(document, profile("P4"), as_future).get();
  EXPECT_EQ(pec, nes::errc::revocation_unavailable);
  ASSERT_TRUE(incomplete.problem());
  EXPECT_EQ(incomplete.problem()->code, "validation_path_incomplete");

  // No OCSP address for a certificate that names none: the refusal says whose status it was.
  nes::ValidationSources no_responder;
  no_responder.ca_certificates_pem = {token->ca_pem, portal_->timestamp_ca_pem()};
  nes::ValidationDataSigner without_responder(stamped, transport(), no_responder);
  auto [nec, unanswered] = without_responder.async_sign(document, profile("P4"), as_future).get();
  EXPECT_EQ(nec, nes::errc::revocation_unavailable);
  ASSERT_TRUE(unanswered.problem());
  EXPECT_EQ(unanswered.problem()->code, "revocation_source_missing");
  EXPECT_EQ(unanswered.problem()->detail.rfind("the signer's certificate (CN=", 0), 0U) << unanswered.problem()->detail;

  // Not time-stamped: P4 needs CAdES-T first.
  nes::ValidationDataSigner unstamped(card, transport(), {});
  auto [uec, bare] = unstamped.async_sign(document, profile("P4"), as_future).get();
  EXPECT_EQ(uec, nes::errc::invalid_argument);
  ASSERT_TRUE(bare.problem());
  EXPECT_EQ(bare.problem()->code, "signature_time_stamp_missing");

  // CAdES-BES and P2 ask nothing of anyone.
  auto [bec, bes] = unstamped.async_sign(document, {}, as_future).get();
  ASSERT_FALSE(bec) << bec.message();
  EXPECT_EQ(nes::test::openssl_print(bes->cms_der).find("ets-certValues"), std::string::npos);
}

}  // namespace

namespace {

namespace approval = nes::portal::approval;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class PortalValidationData : public ValidationData {
 protected:
  // The portal's checker for `name`, trusting the token's CA and the portal's TSA.
  approval::SignatureResult portal_check(const nes::test::SoftHsmToken& token, const std::string& cms_der,
                                         const char* name) {
    approval::SignatureRequirement requirement{
        name,
        nes::cades::PolicyReference{std::string(*nes::turkish_policy_oid(name)), std::string(nes::cades::sha256_oid),
                                    std::string(32, '\x5a')},
        true, std::string(name) == "P4" ? approval::ValidationDataMeans::ocsp : approval::ValidationDataMeans::crl};
    std::string detail;
    const auto checker =
        approval::SignatureChecker::make({token.ca_pem}, {portal_->timestamp_ca_pem()}, requirement, detail);
    EXPECT_TRUE(checker) << detail;
    return checker->check(cms_der, document, token.holder_tckn,
                          {.not_before_ms = now_ms() - 3600000, .now_ms = now_ms()});
  }

  // GET `url` over the fixture's TLS transport: the body.
  std::string fetch(const std::string& url) {
    nes::HttpRequest request;
    request.url = url;
    std::promise<std::string> body;
    const auto t = transport();
    t->async_send(std::move(request), [&body](nes::error_code ec, nes::HttpResponse response) {
      EXPECT_FALSE(ec) << ec.message();
      body.set_value(std::string(response.body.reveal()));
    });
    return body.get_future().get();
  }
};

TEST_F(PortalValidationData, AP4PortalAcceptsTheApprovalWithItsValidationData) {
  NES_REQUIRE_TOKEN(token);
  nes::portal::PortalOptions options;
  options.trust_ca_pem = {token->ca_pem};
  options.certificate_status.ca_certificate_pem = token->ca_pem;
  options.certificate_status.ca_private_key_pem = token->ca_key_pem;
  options.signature.profile = "P4";
  start(std::move(options));
  pin_.pin = token->pin;
  auto application = verified_application(applicants_[0]);
  nes::Approver approver(application);
  auto [ec, approved] = approver.async_approve(signer_for(*token, "01"), as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (approved.problem() ? approved.problem()->detail : "");
  EXPECT_EQ(approved->application.status, nes::ApplicationStatus::submitted);
  int status = -1;
  const auto output = independent_check(approved->signature->cms_der, "P4", status);
  EXPECT_EQ(status, 0) << output;
}

// The portal's evidence of a CRL fetched from it, for validation data made by hand.
nes::validation::Evidence crl_evidence(const std::string& der) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  X509_CRL* parsed = d2i_X509_CRL(nullptr, &cursor, static_cast<long>(der.size()));
  nes::validation::CrlEvidence e;
  e.der = der;
  if (parsed != nullptr) {
    unsigned char* name = nullptr;
    const int size = i2d_X509_NAME(X509_CRL_get_issuer(parsed), &name);
    if (size > 0) e.issuer_der.assign(reinterpret_cast<const char*>(name), static_cast<std::size_t>(size));
    OPENSSL_free(name);
    X509_CRL_free(parsed);
  }
  e.this_update_der = std::string(
      "\x17\x0d"
      "261204000000Z",
      15);  // a UTCTime; the portal reads the CRL itself
  return e;
}

// A CRL of `ca_pem`'s CA, signed with its key, issued an hour ago and good
// for a day: current, but from before any signature made now.
std::string crl_from_an_hour_ago(const std::string& ca_pem, const nes::SecretString& ca_key_pem) {
  const auto ca = nes::cades::certificates_from_pem(ca_pem);
  BIO* key_bio = BIO_new_mem_buf(ca_key_pem.reveal().data(), static_cast<int>(ca_key_pem.reveal().size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  BIO_free(key_bio);
  X509_CRL* crl = X509_CRL_new();
  ASN1_TIME* last = ASN1_TIME_adj(nullptr, std::time(nullptr), 0, -3600);
  ASN1_TIME* next = ASN1_TIME_adj(nullptr, std::time(nullptr), 1, 0);
  std::string der;
  if (!ca.empty() && key != nullptr && crl != nullptr && X509_CRL_set_version(crl, X509_CRL_VERSION_2) == 1 &&
      X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca[0].get())) == 1 &&
      X509_CRL_set1_lastUpdate(crl, last) == 1 && X509_CRL_set1_nextUpdate(crl, next) == 1 &&
      X509_CRL_sign(crl, key, EVP_sha256()) > 0) {
    unsigned char* out = nullptr;
    const int size = i2d_X509_CRL(crl, &out);
    if (size > 0) der.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    OPENSSL_free(out);
  }
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  X509_CRL_free(crl);
  EVP_PKEY_free(key);
  return der;
}

TEST_F(PortalValidationData, EachMissingOrWrongPartHasItsOwnCode) {
  NES_REQUIRE_TOKEN(token);
  start_for(*token);
  pin_.pin = token->pin;
  std::string detail;
  const auto card = card_for(*token, "01");
  auto stamped = std::make_shared<nes::TimestampingSigner>(card, timestamps());

  // CAdES-T alone: the four attributes are missing.
  auto [t4ec, cades_t4] = stamped->async_sign(document, profile("P4"), as_future).get();
  ASSERT_FALSE(t4ec) << t4ec.message();
  auto verdict = portal_check(*token, cades_t4->cms_der, "P4");
  EXPECT_EQ(verdict.verdict, approval::Verdict::validation_data_missing) << verdict.detail;

  auto [t3ec, cades_t3] = stamped->async_sign(document, profile("P3"), as_future).get();
  ASSERT_FALSE(t3ec) << t3ec.message();

  // The SDK's P4 signature passes.
  auto [pec, p4] = signer_for(*token, "01")->async_sign(document, profile("P4"), as_future).get();
  ASSERT_FALSE(pec) << pec.message() << " " << (p4.problem() ? p4.problem()->detail : "");
  verdict = portal_check(*token, p4->cms_der, "P4");
  EXPECT_EQ(verdict.verdict, approval::Verdict::accepted) << verdict.detail;

  // Validation data by CRLs, made here: P3 takes it, P4 does not (a CRL instead of OCSP for the signer).
  const auto found = nes::cades::signature_certificates(cades_t3->cms_der, detail);
  ASSERT_TRUE(found) << detail;
  const auto der_of_pem = [](const std::string& pem) {
    return nes::cades::certificate_der(nes::cades::certificates_from_pem(pem)[0].get());
  };
  nes::validation::ValidationData by_crl;
  by_crl.certificates_der = {der_of_pem(token->ca_pem), der_of_pem(portal_->timestamp_ca_pem()),
                             nes::cades::certificate_der(found->tsa.get())};
  by_crl.statuses = {crl_evidence(fetch(portal_->crl_url())), crl_evidence(fetch(portal_->timestamp_crl_url()))};
  auto p3 = nes::validation::with_validation_data(cades_t3->cms_der, by_crl, detail);
  ASSERT_TRUE(p3) << detail;
  verdict = portal_check(*token, *p3, "P3");
  EXPECT_EQ(verdict.verdict, approval::Verdict::accepted) << verdict.detail;
  auto p4_by_crl = nes::validation::with_validation_data(cades_t4->cms_der, by_crl, detail);
  ASSERT_TRUE(p4_by_crl) << detail;
  verdict = portal_check(*token, *p4_by_crl, "P4");
  EXPECT_EQ(verdict.verdict, approval::Verdict::validation_data_invalid) << verdict.detail;
  EXPECT_NE(verdict.detail.find("OCSP"), std::string::npos) << verdict.detail;

  // Without the TSA's CA among the values: the TSA's status cannot be checked.
  nes::validation::ValidationData without_tsa_ca = by_crl;
  without_tsa_ca.certificates_der.erase(without_tsa_ca.certificates_der.begin() + 1);
  auto partial = nes::validation::with_validation_data(cades_t3->cms_der, without_tsa_ca, detail);
  ASSERT_TRUE(partial) << detail;
  verdict = portal_check(*token, *partial, "P3");
  EXPECT_EQ(verdict.verdict, approval::Verdict::validation_data_invalid) << verdict.detail;

  // A CRL issued before the signature's time stamp says nothing of it, however current.
  nes::validation::ValidationData stale = by_crl;
  const auto old_crl = crl_from_an_hour_ago(token->ca_pem, token->ca_key_pem);
  ASSERT_FALSE(old_crl.empty());
  stale.statuses[0] = crl_evidence(old_crl);
  auto with_stale = nes::validation::with_validation_data(cades_t3->cms_der, stale, detail);
  ASSERT_TRUE(with_stale) << detail;
  verdict = portal_check(*token, *with_stale, "P3");
  EXPECT_EQ(verdict.verdict, approval::Verdict::validation_data_invalid) << verdict.detail;
  EXPECT_NE(verdict.detail.find("before the signature's time stamp"), std::string::npos) << verdict.detail;

  // The CRL after the signer's certificate is revoked: signer_revoked.
  ASSERT_FALSE(portal_->revoke_certificate("esign", token_serial(token->directory / "cert01.pem"), "keyCompromise"));
  nes::validation::ValidationData revoked = by_crl;
  revoked.statuses[0] = crl_evidence(fetch(portal_->crl_url()));
  auto with_revoked = nes::validation::with_validation_data(cades_t3->cms_der, revoked, detail);
  ASSERT_TRUE(with_revoked) << detail;
  verdict = portal_check(*token, *with_revoked, "P3");
  EXPECT_EQ(verdict.verdict, approval::Verdict::signer_revoked) << verdict.detail;
}

}  // namespace
