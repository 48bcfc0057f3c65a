// e-imza login at the gateway (step 4's second method, ADR 0016): a challenge
// of the login request, signed by the person's NES and checked as an
// approval's signature is (to CAdES-BES), opens the session a password does.
// A revoked or suspended certificate, another document, an untrusted CA or a
// holder the registry does not know are each refused with their own code.

#include "applicant_fixture.hpp"

#include "portal/crypto/openssl_ptr.hpp"
#include "portal/revocation/certificate_status.hpp"

#include <gtest/gtest.h>

#include <openssl/pem.h>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::PortalFlow;
using nes::test::Response;
namespace http = boost::beast::http;
namespace crypto = nes::portal::crypto;

std::string serial_of(const std::string& pem) {
  const crypto::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  const crypto::CertPtr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  return nes::portal::revocation::serial_hex(X509_get0_serialNumber(certificate.get()));
}

class ESignLoginTest : public nes::test::ApplicantFixture {
 protected:
  PortalFlow::GatewayLogin begin() { return flow_->begin_gateway_login(verifier_); }
  Response challenge(const PortalFlow::GatewayLogin& login) {
    return flow_->gateway().request(http::verb::get, "/oauth2/esign/challenge?login_request=" + login.id, {}, {},
                                    {{http::field::cookie, login.cookie}});
  }
  Response sign_in(const PortalFlow::GatewayLogin& login, const std::string& cms) {
    return flow_->gateway().request(http::verb::post, "/oauth2/esign/login?login_request=" + login.id, cms,
                                    "application/pkcs7-signature", {{http::field::cookie, login.cookie}});
  }
  // The challenge of a new login signed by `signer`: the gateway's answer.
  Response signed_login(const nes::portal::pki::Credential& signer) {
    const auto login = begin();
    return sign_in(login, nes::test::sign_detached(signer, challenge(login).body()));
  }

  std::string verifier_ = crypto::random_token(48);
};

TEST_F(ESignLoginTest, ASignedChallengeOpensTheSessionAPasswordOpens) {
  const auto login = begin();
  ASSERT_EQ(login.started.result(), http::status::ok);
  const boost::json::array methods =
      json_body(login.started).at("methods").as_array();  // a copy: the body is a temporary
  EXPECT_NE(std::find(methods.begin(), methods.end(), boost::json::value("e_signature")), methods.end());
  const auto document = challenge(login);
  ASSERT_EQ(document.result(), http::status::ok) << document.body();
  EXPECT_EQ(document[http::field::cache_control], "no-store");
  EXPECT_NE(document.body().find(login.id), std::string::npos) << "the challenge names its login request";
  EXPECT_EQ(challenge(login).body(), document.body()) << "one challenge per login request";

  const auto signed_in = sign_in(login, nes::test::sign_detached(applicant_certificate(ayse), document.body()));
  ASSERT_EQ(signed_in.result(), http::status::found) << signed_in.body();
  const auto who = flow_->open_session(PortalFlow::code_in(signed_in, login), verifier_);
  EXPECT_EQ(json_body(who.response).at("person").at("tckn_masked").as_string(), "*********46");
  EXPECT_EQ(flow_->call(who, http::verb::get, "/api/v1/certificates").result(), http::status::ok);
  // The login request is spent: the same signature logs nobody in again.
  EXPECT_EQ(code_of(sign_in(login, nes::test::sign_detached(applicant_certificate(ayse), document.body()))),
            "login_request_invalid");
}

TEST_F(ESignLoginTest, EachRefusalHasItsOwnCode) {
  const auto login = begin();
  challenge(login);
  const auto other_document = sign_in(login, nes::test::sign_detached(applicant_certificate(ayse), "başka bir belge"));
  EXPECT_EQ(other_document.result(), http::status::unauthorized);
  EXPECT_EQ(code_of(other_document), "signature_invalid");

  const auto stranger = nes::portal::pki::make_ca({.common_name = "BAŞKA SM", .certificate_authority = true});
  auto foreign = nes::portal::pki::issue(
      stranger, {.common_name = "AYŞE", .subject_serial_number = ayse, .non_repudiation = true, .qualified_nes = true});
  EXPECT_EQ(code_of(signed_login(foreign)), "signer_untrusted");
  // A valid T.C. Kimlik No the registry does not hold.
  EXPECT_EQ(code_of(signed_login(applicant_certificate("11111111110"))), "invalid_credentials");

  const auto held = applicant_certificate(ayse);
  ASSERT_EQ(admin(http::verb::post, "/admin/v1/revocations",
                  R"({"authority": "esign", "serial": ")" + serial_of(held.certificate_pem) +
                      R"(", "reason": "certificateHold"})")
                .result(),
            http::status::created);
  EXPECT_EQ(code_of(signed_login(held)), "certificate_suspended");
  const auto lost = applicant_certificate(ayse);
  ASSERT_EQ(admin(http::verb::post, "/admin/v1/revocations",
                  R"({"authority": "esign", "serial": ")" + serial_of(lost.certificate_pem) +
                      R"(", "reason": "keyCompromise"})")
                .result(),
            http::status::created);
  EXPECT_EQ(code_of(signed_login(lost)), "signer_revoked");

  // No challenge asked for: nothing to check a signature against.
  const auto unasked = begin();
  EXPECT_EQ(code_of(sign_in(unasked, nes::test::sign_detached(applicant_certificate(ayse), "x"))),
            "login_request_invalid");
}

}  // namespace
