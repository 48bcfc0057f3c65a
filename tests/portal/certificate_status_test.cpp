// The certificate status the portal publishes, read by OpenSSL's own
// clients: `openssl ocsp` asks the responder and checks its answer against
// the CA, `openssl crl` checks the CRL's signature and lists what it holds.
// Revocations come through the admin API, are final, and survive a restart.

#include "portal/crypto/encoding.hpp"
#include "portal/pki/test_pki.hpp"
#include "softhsm_token.hpp"
#include "test_client.hpp"

#include <nes/portal/reference_portal.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using nes::test::json_body;
using nes::test::run_command;
using nes::test::TestClient;
using ::testing::HasSubstr;
using ::testing::Not;
namespace pki = nes::portal::pki;
namespace http = boost::beast::http;

constexpr const char* admin_token = "status-admin-token";

class CertificateStatus : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("nes-status-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    ca_ = pki::make_ca({.common_name = "NES SDK TEST e-imza CA"});
    holder_ = pki::issue(ca_, {.common_name = "AYŞE ÇELİK",
                               .subject_serial_number = "10000000146",
                               .non_repudiation = true,
                               .qualified_nes = true});
    write("ca.pem", ca_.certificate_pem);
    write("holder.pem", holder_.certificate_pem);
    start();
  }
  void TearDown() override {
    portal_.reset();
    std::filesystem::remove_all(directory_);
  }

  void start() {
    nes::portal::PortalOptions options;
    options.insecure_http = true;  // openssl ocsp speaks plain HTTP, as OCSP usually is
    options.data_directory = directory_ / "state";
    options.admin_token = nes::SecretString(admin_token);
    options.certificate_status.ca_certificate_pem = ca_.certificate_pem;
    options.certificate_status.ca_private_key_pem = ca_.private_key_pem;
    portal_ = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
    std::string detail;
    ASSERT_FALSE(portal_->start(&detail)) << detail;
  }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = directory_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return "'" + path.string() + "'";
  }

  // `openssl ocsp` about `certificate` (a file name) issued by `issuer`, its answer checked against the CA.
  std::string ask_openssl(const std::string& certificate, const std::string& issuer = "ca.pem") const {
    std::string out;
    run_command("openssl ocsp -issuer '" + (directory_ / issuer).string() + "' -cert '" +
                    (directory_ / certificate).string() + "' -url " + portal_->ocsp_url() + " -CAfile '" +
                    (directory_ / "ca.pem").string() + "' -resp_text",
                &out);
    return out;
  }

  std::string serial_of(const std::string& certificate) const {
    std::string out;
    run_command("openssl x509 -noout -serial -in '" + (directory_ / certificate).string() + "'", &out);
    return out.substr(out.find('=') + 1, out.find_last_not_of('\n') - out.find('='));
  }

  nes::test::Response admin_revoke(const std::string& body) const {
    TestClient c(portal_->port(), {});
    return c.request(http::verb::post, "/admin/v1/revocations", body, "application/json",
                     {{http::field::authorization, std::string("Bearer ") + admin_token}});
  }

  std::filesystem::path directory_;
  pki::Credential ca_;
  pki::Credential holder_;
  std::unique_ptr<nes::portal::ReferencePortal> portal_;
};

TEST_F(CertificateStatus, OpensslOcspHearsGoodSignedByTheCasDelegatedResponder) {
  const auto answer = ask_openssl("holder.pem");
  EXPECT_THAT(answer, HasSubstr("Response verify OK")) << answer;
  EXPECT_THAT(answer, HasSubstr("holder.pem: good")) << answer;
  EXPECT_THAT(answer, HasSubstr("OCSP Signing")) << answer;  // the responder certificate travels with the answer
  EXPECT_THAT(answer, HasSubstr("OCSP Nonce")) << answer;    // echoed
}

// RFC 6960, A.1: the same question by GET, base64 and percent-encoded in the path.
TEST_F(CertificateStatus, AnOcspQuestionByGetIsAnsweredAsByPost) {
  std::string out;
  ASSERT_EQ(run_command("openssl ocsp -issuer '" + (directory_ / "ca.pem").string() + "' -cert '" +
                            (directory_ / "holder.pem").string() + "' -no_nonce -reqout '" +
                            (directory_ / "request.der").string() + "'",
                        &out),
            0)
      << out;
  std::ifstream request_file(directory_ / "request.der", std::ios::binary);
  const std::vector<unsigned char> request((std::istreambuf_iterator<char>(request_file)), {});
  std::string path = "/ocsp/";
  for (const char c : nes::portal::crypto::base64_encode(request)) {
    if (c == '+')
      path += "%2B";
    else if (c == '/')
      path += "%2F";
    else if (c == '=')
      path += "%3D";
    else
      path += c;
  }
  TestClient client(portal_->port(), {});
  const auto answer = client.request(http::verb::get, path);
  ASSERT_EQ(answer.result(), http::status::ok);
  EXPECT_EQ(answer[http::field::content_type], "application/ocsp-response");
  write("answer.der", answer.body());
  ASSERT_EQ(run_command("openssl ocsp -respin '" + (directory_ / "answer.der").string() + "' -issuer '" +
                            (directory_ / "ca.pem").string() + "' -cert '" + (directory_ / "holder.pem").string() +
                            "' -CAfile '" + (directory_ / "ca.pem").string() + "'",
                        &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("Response verify OK")) << out;
  EXPECT_THAT(out, HasSubstr("holder.pem: good")) << out;

  // Not base64: still an OCSPResponse, malformedRequest.
  const auto garbage = client.request(http::verb::get, "/ocsp/not%20base64!");
  ASSERT_EQ(garbage.result(), http::status::ok);
  EXPECT_EQ(garbage.body(), std::string("\x30\x03\x0a\x01\x01", 5));  // malformedRequest (1), nothing else
}

TEST_F(CertificateStatus, ARevocationIsFinalAndSurvivesARestart) {
  const auto serial = serial_of("holder.pem");
  const auto first =
      admin_revoke(R"({"authority": "esign", "serial": ")" + serial + R"(", "reason": "keyCompromise"})");
  ASSERT_EQ(first.result(), http::status::created) << first.body();
  EXPECT_EQ(json_body(first).at("serial").as_string(), serial.substr(serial.find_first_not_of('0')));
  // A second one changes nothing: the first time and reason stay.
  const auto again = admin_revoke(R"({"authority": "esign", "serial": "00)" + serial + R"(", "reason": "superseded"})");
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  EXPECT_EQ(json_body(again).at("revoked_at"), json_body(first).at("revoked_at"));
  EXPECT_EQ(json_body(again).at("reason_code").as_int64(), 1);

  auto answer = ask_openssl("holder.pem");
  EXPECT_THAT(answer, HasSubstr("Response verify OK")) << answer;
  EXPECT_THAT(answer, HasSubstr("holder.pem: revoked")) << answer;
  EXPECT_THAT(answer, HasSubstr("Reason: keyCompromise")) << answer;

  portal_->stop();
  start();
  answer = ask_openssl("holder.pem");
  EXPECT_THAT(answer, HasSubstr("holder.pem: revoked")) << answer;
}

// A serial whose first byte is below 0x10 is written "0F…" by OpenSSL and
// kept as "F…": OCSP must find its revocation all the same.
TEST_F(CertificateStatus, ASerialWithALeadingZeroDigitIsFoundRevoked) {
  std::string serial;
  for (int tries = 0; tries < 400 && (serial.empty() || serial[0] != '0'); ++tries) {
    holder_ = pki::issue(ca_, {.common_name = "AYŞE ÇELİK", .non_repudiation = true});
    write("holder.pem", holder_.certificate_pem);
    serial = serial_of("holder.pem");
  }
  ASSERT_EQ(serial[0], '0') << serial;
  ASSERT_EQ(admin_revoke(R"({"authority": "esign", "serial": ")" + serial + R"("})").result(), http::status::created);
  const auto answer = ask_openssl("holder.pem");
  EXPECT_THAT(answer, HasSubstr("holder.pem: revoked")) << answer;
}

TEST_F(CertificateStatus, OpensslCrlVerifiesTheCrlAndFindsTheRevokedSerial) {
  const auto serial = serial_of("holder.pem");
  ASSERT_FALSE(portal_->revoke_certificate("esign", serial, "affiliationChanged"));
  TestClient c(portal_->port(), {});
  const auto crl = c.request(http::verb::get, "/pki/esign.crl");
  ASSERT_EQ(crl.result(), http::status::ok);
  EXPECT_EQ(crl[http::field::content_type], "application/pkix-crl");
  write("esign.crl", crl.body());
  std::string out;
  ASSERT_EQ(run_command("openssl crl -inform DER -in '" + (directory_ / "esign.crl").string() + "' -CAfile '" +
                            (directory_ / "ca.pem").string() + "' -noout -text",
                        &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("verify OK")) << out;
  EXPECT_THAT(out, HasSubstr("Serial Number: " + serial)) << out;
  EXPECT_THAT(out, HasSubstr("Affiliation Changed")) << out;
  EXPECT_THAT(out, HasSubstr("X509v3 CRL Number")) << out;
  EXPECT_THAT(out, HasSubstr("Next Update")) << out;

  // The generated TSA CA's CRL, signed by that CA; an unknown name is 404.
  const auto tsa_crl = c.request(http::verb::get, "/pki/tsa.crl");
  ASSERT_EQ(tsa_crl.result(), http::status::ok);
  write("tsa.crl", tsa_crl.body());
  write("tsa-ca.pem", portal_->timestamp_ca_pem());
  ASSERT_EQ(run_command("openssl crl -inform DER -in '" + (directory_ / "tsa.crl").string() + "' -CAfile '" +
                            (directory_ / "tsa-ca.pem").string() + "' -noout",
                        &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("verify OK")) << out;
  EXPECT_EQ(c.request(http::verb::get, "/pki/other.crl").result(), http::status::not_found);
  EXPECT_EQ(c.request(http::verb::get, "/pki/esign").result(), http::status::not_found);
}

TEST_F(CertificateStatus, ACertificateOfAnotherCaIsUnauthorizedAndGarbageIsMalformed) {
  const auto other_ca = pki::make_ca({.common_name = "NES SDK TEST other CA"});
  const auto stranger = pki::issue(other_ca, {.common_name = "X", .non_repudiation = true});
  write("other-ca.pem", other_ca.certificate_pem);
  write("stranger.pem", stranger.certificate_pem);
  const auto answer = ask_openssl("stranger.pem", "other-ca.pem");
  EXPECT_THAT(answer, HasSubstr("unauthorized")) << answer;
  EXPECT_THAT(answer, Not(HasSubstr(": good"))) << answer;

  TestClient c(portal_->port(), {});
  for (const std::string& body : {std::string("not DER"), std::string("\x30\x03\x02\x01\x01", 5)}) {
    const auto garbage = c.request(http::verb::post, "/ocsp", body, "application/ocsp-request");
    ASSERT_EQ(garbage.result(), http::status::ok);
    EXPECT_EQ(garbage[http::field::content_type], "application/ocsp-response");
    // OCSPResponse { responseStatus malformedRequest (1) }, nothing else.
    EXPECT_EQ(garbage.body(), std::string("\x30\x03\x0a\x01\x01", 5));
  }
  EXPECT_EQ(c.request(http::verb::post, "/ocsp", "x", "application/json").result(),
            http::status::unsupported_media_type);
}

TEST_F(CertificateStatus, TheAdminApiRefusesWhatIsNotARevocation) {
  const auto bad = admin_revoke(R"({"authority": "esign", "serial": "xyz", "reason": "bored"})");
  ASSERT_EQ(bad.result(), http::status::bad_request) << bad.body();
  const auto errors = json_body(bad).at("errors").as_array();
  ASSERT_EQ(errors.size(), 2U) << bad.body();
  EXPECT_EQ(errors[0].at("field").as_string(), "serial");
  EXPECT_EQ(errors[1].at("field").as_string(), "reason");
  EXPECT_EQ(admin_revoke(R"({"serial": "01"})").result(), http::status::bad_request);
  EXPECT_EQ(admin_revoke(R"({"authority": "nobody", "serial": "01"})").result(), http::status::not_found);
  TestClient c(portal_->port(), {});
  EXPECT_EQ(c.request(http::verb::post, "/admin/v1/revocations", R"({"authority": "esign", "serial": "01"})").result(),
            http::status::unauthorized);
  // Nothing of that reached the responder.
  EXPECT_THAT(ask_openssl("holder.pem"), HasSubstr("holder.pem: good"));
}

}  // namespace
