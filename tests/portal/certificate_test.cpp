// The certificate after the application (ADR 0016): shipping issues the
// card's certificate from the portal's e-imza CA with what a real NES
// carries, the card factory collects its key once, and the person lists
// their certificates (Sertifika Listeleme) with their state now.

#include "applicant_fixture.hpp"

#include "portal/crypto/openssl_ptr.hpp"
#include "portal/issuance/renewal_window.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <ctime>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::key;
using nes::test::LoggedIn;
using nes::test::Response;
using ::testing::MatchesRegex;
namespace http = boost::beast::http;
namespace crypto = nes::portal::crypto;

crypto::CertPtr certificate_of(std::string_view pem) {
  const crypto::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return crypto::CertPtr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::string subject_entry(X509* certificate, int nid) {
  char text[256] = {};
  const int size = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), nid, text, sizeof text);
  return size > 0 ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

std::time_t utc(const boost::json::value& text) {
  std::tm tm{};
  const std::string s(text.as_string());
  strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return timegm(&tm);
}

class CertificateTest : public nes::test::ApplicantFixture {
 protected:
  // Ayşe's application shipped: the application's id.
  std::string shipped(const LoggedIn& who) {
    const std::string id = in_production(who, ayse, demo_fee_kurus());
    const auto res = transition(id, R"({"event": "shipped"})");
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    return id;
  }
  boost::json::array certificates(const LoggedIn& who) {
    const auto res = flow_->call(who, http::verb::get, "/api/v1/certificates");
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    return json_body(res).at("certificates").as_array();
  }
};

TEST_F(CertificateTest, ShippingIssuesTheCertificateAsARealNesCarriesIt) {
  const auto who = login(ayse);
  EXPECT_TRUE(certificates(who).empty());
  const auto before = std::time(nullptr);
  const std::string id = shipped(who);

  const auto list = certificates(who);
  ASSERT_EQ(list.size(), 1U);
  const auto& c = list.at(0).as_object();
  EXPECT_EQ(c.at("application_id").as_string(), id);
  EXPECT_EQ(c.at("status").as_string(), "active");
  EXPECT_EQ(c.at("common_name").as_string(), "Ayşe Gül Şahin");
  EXPECT_THAT(std::string(c.at("serial").as_string()), MatchesRegex("[0-9A-F]+"));
  // Valid from its production, for the form's three years; renewal opens three months before the end.
  EXPECT_NEAR(static_cast<double>(utc(c.at("not_before"))), static_cast<double>(before), 5.0);
  const std::time_t not_after = utc(c.at("not_after"));
  EXPECT_NEAR(static_cast<double>(not_after - utc(c.at("not_before"))), 3 * 365.25 * 86400, 2 * 86400);
  EXPECT_EQ(utc(c.at("renewal_from")) * 1000, nes::portal::issuance::renewal_from_ms(not_after * 1000LL));

  const auto certificate = certificate_of(c.at("certificate_pem").as_string());
  ASSERT_TRUE(certificate);
  EXPECT_EQ(subject_entry(certificate.get(), NID_serialNumber), ayse);
  EXPECT_EQ(subject_entry(certificate.get(), NID_commonName), "Ayşe Gül Şahin");
  EXPECT_NE(X509_get_key_usage(certificate.get()) & KU_NON_REPUDIATION, 0U);
  EXPECT_GE(X509_get_ext_by_NID(certificate.get(), NID_qcStatements, -1), 0);
  EXPECT_GE(X509_get_ext_by_NID(certificate.get(), NID_certificate_policies, -1), 0);
  const auto ca = certificate_of(esign_ca_.certificate_pem);
  const crypto::KeyPtr ca_key(X509_get_pubkey(ca.get()));
  EXPECT_EQ(X509_verify(certificate.get(), ca_key.get()), 1) << "issued by the portal's e-imza CA";
  STACK_OF(OPENSSL_STRING)* ocsp = X509_get1_ocsp(certificate.get());
  ASSERT_NE(ocsp, nullptr);
  EXPECT_EQ(std::string(sk_OPENSSL_STRING_value(ocsp, 0)), portal_->ocsp_url());
  X509_email_free(ocsp);

  // Others see none of it.
  EXPECT_TRUE(certificates(login(ismail)).empty());
}

TEST_F(CertificateTest, TheCardFactoryCollectsTheKeyOnceAndThePortalForgetsIt) {
  const auto who = login(ayse);
  const std::string id = shipped(who);
  const auto card = admin(http::verb::get, "/admin/v1/applications/" + id + "/card");
  ASSERT_EQ(card.result(), http::status::ok) << card.body();
  EXPECT_EQ(card[http::field::cache_control], "no-store");
  const auto body = json_body(card).as_object();
  EXPECT_THAT(std::string(body.at("puk").as_string()), MatchesRegex("[0-9]{8}"));
  const auto certificate = certificate_of(body.at("certificate_pem").as_string());
  const std::string key_pem(body.at("private_key_pem").as_string());
  const crypto::BioPtr key_bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  const crypto::KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(certificate && key);
  EXPECT_EQ(X509_check_private_key(certificate.get(), key.get()), 1);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_RSA);
  EXPECT_EQ(body.at("serial").as_string(), certificates(who).at(0).at("serial").as_string());

  const auto again = admin(http::verb::get, "/admin/v1/applications/" + id + "/card");
  EXPECT_EQ(again.result(), http::status::conflict);
  EXPECT_EQ(code_of(again), "card_collected");
  EXPECT_EQ(admin(http::verb::get, "/admin/v1/applications/app_00000000/card").result(), http::status::not_found);
  EXPECT_EQ(flow_->portal().request(http::verb::get, "/admin/v1/applications/" + id + "/card").result(),
            http::status::unauthorized);
}

TEST_F(CertificateTest, ARevokedCertificateIsListedAsRevokedWithItsReason) {
  const auto who = login(ayse);
  shipped(who);
  const std::string serial(certificates(who).at(0).at("serial").as_string());
  const auto revoked = admin(http::verb::post, "/admin/v1/revocations",
                             R"({"authority": "esign", "serial": ")" + serial + R"(", "reason": "keyCompromise"})");
  ASSERT_EQ(revoked.result(), http::status::created) << revoked.body();
  const auto c = certificates(who).at(0).as_object();
  EXPECT_EQ(c.at("status").as_string(), "revoked");
  EXPECT_EQ(c.at("revocation_reason").as_string(), "keyCompromise");
  EXPECT_EQ(c.at("revoked_at"), json_body(revoked).at("revoked_at"));
}

TEST_F(CertificateTest, SuspendLiftAndRevokeEachWaitForTheirSmsCode) {
  const auto who = login(ayse);
  shipped(who);
  const std::string serial(certificates(who).at(0).at("serial").as_string());
  const std::string base = "/api/v1/certificates/" + serial + "/changes";
  auto ask = [&](const std::string& body) { return flow_->call(who, http::verb::post, base, body); };
  auto confirm = [&](const std::string& id, const std::string& code) {
    return flow_->call(who, http::verb::post, base + "/" + id + "/confirm", R"({"code": ")" + code + R"("})");
  };
  auto state = [&] { return std::string(certificates(who).at(0).at("status").as_string()); };

  const auto asked = ask(R"({"action": "suspend"})");
  ASSERT_EQ(asked.result(), http::status::accepted) << asked.body();
  const std::string id(json_body(asked).at("id").as_string());
  EXPECT_EQ(json_body(asked).at("otp").at("phone_masked").as_string().size() > 0, true);
  EXPECT_EQ(state(), "active") << "nothing changes before the code";
  const std::string code = inbox_.code_for(id);
  const auto wrong = confirm(id, code == "000000" ? "111111" : "000000");
  EXPECT_EQ(wrong.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(wrong), "otp_invalid");
  EXPECT_EQ(state(), "active");
  const auto suspended = confirm(id, code);
  ASSERT_EQ(suspended.result(), http::status::ok) << suspended.body();
  EXPECT_EQ(json_body(suspended).at("status").as_string(), "suspended");
  EXPECT_TRUE(json_body(suspended).as_object().contains("suspended_at"));
  EXPECT_EQ(code_of(confirm(id, code)), "change_confirmed");
  EXPECT_EQ(code_of(ask(R"({"action": "suspend"})")), "certificate_suspended");

  const std::string lift(json_body(ask(R"({"action": "unsuspend"})")).at("id").as_string());
  ASSERT_EQ(confirm(lift, inbox_.code_for(lift)).result(), http::status::ok);
  EXPECT_EQ(state(), "active");
  EXPECT_EQ(code_of(ask(R"({"action": "unsuspend"})")), "certificate_not_suspended");

  EXPECT_EQ(code_of(ask(R"({"action": "suspend", "reason": "keyCompromise"})")), "invalid_request");
  EXPECT_EQ(code_of(ask(R"({"action": "revoke", "reason": "certificateHold"})")), "invalid_request");
  const auto revoke = ask(R"({"action": "revoke", "reason": "keyCompromise"})");
  ASSERT_EQ(revoke.result(), http::status::accepted) << revoke.body();
  const std::string revocation(json_body(revoke).at("id").as_string());
  const auto revoked = confirm(revocation, inbox_.code_for(revocation));
  ASSERT_EQ(revoked.result(), http::status::ok) << revoked.body();
  EXPECT_EQ(json_body(revoked).at("status").as_string(), "revoked");
  EXPECT_EQ(json_body(revoked).at("revocation_reason").as_string(), "keyCompromise");
  // Final: nothing undoes it.
  EXPECT_EQ(code_of(ask(R"({"action": "suspend"})")), "certificate_revoked");
  EXPECT_EQ(code_of(ask(R"({"action": "revoke"})")), "certificate_revoked");
}

TEST_F(CertificateTest, AnotherPersonsCertificateCannotBeChanged) {
  const auto who = login(ayse);
  shipped(who);
  const std::string serial(certificates(who).at(0).at("serial").as_string());
  const auto other = login(ismail);
  const auto res =
      flow_->call(other, http::verb::post, "/api/v1/certificates/" + serial + "/changes", R"({"action": "revoke"})");
  EXPECT_EQ(res.result(), http::status::not_found);
  const auto mine =
      flow_->call(who, http::verb::post, "/api/v1/certificates/" + serial + "/changes", R"({"action": "suspend"})");
  const std::string id(json_body(mine).at("id").as_string());
  // Ayşe's code, tried by İsmail on Ayşe's change: not found, and nothing changes.
  const auto stolen =
      flow_->call(other, http::verb::post, "/api/v1/certificates/" + serial + "/changes/" + id + "/confirm",
                  R"({"code": ")" + inbox_.code_for(id) + R"("})");
  EXPECT_EQ(stolen.result(), http::status::not_found);
  EXPECT_EQ(certificates(who).at(0).at("status").as_string(), "active");
}

TEST_F(CertificateTest, KamuSmsCertificateHoldIsASuspensionItsHolderCanLift) {
  const auto who = login(ayse);
  shipped(who);
  const std::string serial(certificates(who).at(0).at("serial").as_string());
  const auto held = admin(http::verb::post, "/admin/v1/revocations",
                          R"({"authority": "esign", "serial": ")" + serial + R"(", "reason": "certificateHold"})");
  ASSERT_EQ(held.result(), http::status::created) << held.body();
  EXPECT_EQ(certificates(who).at(0).at("status").as_string(), "suspended");
  const std::string base = "/api/v1/certificates/" + serial + "/changes";
  const std::string id(
      json_body(flow_->call(who, http::verb::post, base, R"({"action": "unsuspend"})")).at("id").as_string());
  const auto lifted =
      flow_->call(who, http::verb::post, base + "/" + id + "/confirm", R"({"code": ")" + inbox_.code_for(id) + R"("})");
  ASSERT_EQ(lifted.result(), http::status::ok) << lifted.body();
  EXPECT_EQ(json_body(lifted).at("status").as_string(), "active");
}

TEST_F(CertificateTest, ValidityDaysShortenTheCertificateForRenewalTestsAndGoWithShippedOnly) {
  const auto who = login(ayse);
  const std::string id = in_production(who, ayse, demo_fee_kurus());
  EXPECT_EQ(code_of(transition(id, R"({"event": "completed", "validity_days": 60})")), "invalid_request");
  EXPECT_EQ(code_of(transition(id, R"({"event": "shipped", "validity_days": 0})")), "invalid_request");
  ASSERT_EQ(transition(id, R"({"event": "shipped", "validity_days": 60})").result(), http::status::ok);
  const auto c = certificates(who).at(0).as_object();
  EXPECT_NEAR(static_cast<double>(utc(c.at("not_after")) - utc(c.at("not_before"))), 60 * 86400.0, 5);
}

TEST_F(CertificateTest, ListingNeedsALogin) {
  EXPECT_EQ(flow_->portal().request(http::verb::get, "/api/v1/certificates").result(), http::status::unauthorized);
}

class WithoutIssuingCa : public nes::test::ApplicantFixture {
 protected:
  void SetUp() override {
    issue_certificates_ = false;
    start();
  }
};

TEST_F(WithoutIssuingCa, ShippingIsRefusedAndTheApplicationStaysInProduction) {
  const auto who = login(ayse);
  const std::string id = in_production(who, ayse, demo_fee_kurus());
  const auto res = transition(id, R"({"event": "shipped"})");
  EXPECT_EQ(res.result(), http::status::conflict);
  EXPECT_EQ(code_of(res), "no_issuing_ca");
  const auto mine = flow_->call(who, http::verb::get, "/api/v1/applications/" + id);
  EXPECT_EQ(json_body(mine).at("status").as_string(), "in_production");
}

TEST(RenewalWindow, OpensThreeCalendarMonthsBeforeExpiry) {
  using nes::portal::issuance::renewal_from_ms;
  // 2029-12-04T10:30:00Z -> 2029-09-04T10:30:00Z
  EXPECT_EQ(renewal_from_ms(1891074600000), 1883212200000);
  // 2029-05-31T00:00:00Z -> 2029-02-28T00:00:00Z: February has no 31st
  EXPECT_EQ(renewal_from_ms(1874880000000), 1866931200000);
}

}  // namespace
