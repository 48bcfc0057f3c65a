#pragma once
// The in-process portal over TLS with an e-imza CA it trusts and issues from,
// an SMS inbox and the admin API: the applicant's steps and Kamu SM's, for
// the portal's tests of the application and of the certificate after it.

#include "cms_sign.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/fee_table.hpp"
#include "portal/pki/test_pki.hpp"
#include "portal_flow.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

namespace nes::test {

namespace http = boost::beast::http;
namespace pki = portal::pki;

inline constexpr const char* fixture_admin_token = "test-admin-token-0123456789";

/// A fresh Idempotency-Key.
inline std::string key() { return portal::crypto::random_token(16); }
/// The problem code of a refusal.
inline std::string code_of(const Response& res) { return std::string(json_body(res).at("code").as_string()); }

class ApplicantFixture : public ::testing::Test {
 protected:
  // The demo registry's people the tests apply as (demo_password gives theirs).
  static constexpr const char* ayse = "10000000146";    ///< staff of yok-akademik
  static constexpr const char* ismail = "62601815964";  ///< another applicant
  /// The demo fee of a three-year certificate, as the person pays it.
  static std::int64_t demo_fee_kurus() { return portal::FeeTable::demo().fee_for(3, false).value().total.kurus(); }

  void start(portal::PortalOptions options = {}) {
    options.sms_sink = inbox_.sink();
    options.trust_ca_pem = {esign_ca_.certificate_pem};
    options.signature.time_stamp_ca_pem.push_back(test_tsa_ca_pem());
    options.admin_token.assign(fixture_admin_token);
    if (issue_certificates_) {
      options.certificate_status.ca_certificate_pem = esign_ca_.certificate_pem;
      options.certificate_status.ca_private_key_pem = esign_ca_.private_key_pem;
    }
    portal_ = std::make_unique<portal::ReferencePortal>(std::move(options));
    std::string detail;
    ASSERT_FALSE(portal_->start(&detail)) << detail;
    flow_ = std::make_unique<PortalFlow>(PortalAddress::of(*portal_));
  }
  void SetUp() override { start(); }

  LoggedIn login(const char* tckn) { return flow_->login(tckn, demo_password(tckn)); }
  // Submits `form` (else the demo form of `tckn`); the application's JSON.
  boost::json::object submitted(const LoggedIn& who, const char* tckn, const std::string& form = {}) {
    const auto res = flow_->submit(who, form.empty() ? demo_form(tckn) : form, key());
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_body(res).as_object();
  }
  std::string verified(const LoggedIn& who, const char* tckn, const std::string& form = {}) {
    const auto application = submitted(who, tckn, form);
    const std::string id(application.at("id").as_string());
    const auto res = verify(who, id, inbox_.code_for(id));
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    return id;
  }
  Response verify(const LoggedIn& who, const std::string& id, const std::string& code) {
    return flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/verify",
                       R"({"code": ")" + code + R"("})");
  }
  Response admin(http::verb method, const std::string& target, const std::string& body = {}) {
    return flow_->portal().request(method, target, body, "application/json",
                                   {{http::field::authorization, std::string("Bearer ") + fixture_admin_token}});
  }
  Response transition(const std::string& id, const std::string& body) {
    return admin(http::verb::post, "/admin/v1/applications/" + id + "/transitions", body);
  }
  // An application of `tckn` taken by the wet route up to production; the id.
  std::string in_production(const LoggedIn& who, const char* tckn, std::int64_t fee_kurus,
                            const std::string& form = {}) {
    const std::string id = verified(who, tckn, form);
    const auto wet = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/wet-signature");
    EXPECT_EQ(wet.result(), http::status::ok) << wet.body();
    const std::string paid = R"({"event": "payment_recorded", "amount_kurus": )" + std::to_string(fee_kurus) + "}";
    for (const std::string& event :
         {std::string(R"({"event": "wet_form_received"})"), paid, std::string(R"({"event": "production_started"})")}) {
      const auto res = transition(id, event);
      EXPECT_EQ(res.result(), http::status::ok) << event << res.body();
    }
    return id;
  }
  pki::Credential applicant_certificate(const std::string& tckn, pki::CertificateSpec spec = {}) {
    spec.common_name = "TEST APPLICANT";
    spec.subject_serial_number = tckn;
    if (!spec.digital_signature) spec.non_repudiation = true;
    spec.qualified_nes = true;  // as a real NES; unqualified ones are issued by hand
    return pki::issue(esign_ca_, spec);
  }
  Response approve_by_e_signature(const LoggedIn& who, const std::string& id, const std::string& cms) {
    return flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/e-signature", cms,
                       "application/pkcs7-signature");
  }

  bool issue_certificates_ = true;  ///< give the portal the e-imza CA to issue from
  pki::Credential esign_ca_ = pki::make_ca({.common_name = "NES TEST E-IMZA CA", .certificate_authority = true});
  SmsInbox inbox_;
  std::unique_ptr<portal::ReferencePortal> portal_;
  std::unique_ptr<PortalFlow> flow_;
};

}  // namespace nes::test
