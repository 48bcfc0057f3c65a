// Sertifika Listeleme through the SDK (ADR 0016): the certificate the portal
// issues when the application ships, listed with its state, and that state
// following a revocation.

#include "flow_fixture.hpp"
#include "portal/pki/test_pki.hpp"

#include <nes/certificates.hpp>

#include <gtest/gtest.h>

#include <chrono>

namespace {

using nes::test::as_future;
namespace pki = nes::portal::pki;

class CertificatesTest : public nes::test::ClientFixture {
 protected:
  void SetUp() override {
    nes::portal::PortalOptions options;
    options.certificate_status.ca_certificate_pem = esign_ca_.certificate_pem;
    options.certificate_status.ca_private_key_pem = esign_ca_.private_key_pem;
    start(std::move(options));
  }

  // The applicant's application (of `form`, else their own) by the wet route, paid, produced and shipped.
  nes::Application shipped(const nes::test::Applicant& who, std::optional<nes::ApplicationForm> form = {}) {
    auto application = verified_application(who, form ? *form : who.form());
    auto [wec, wet] = application.async_choose_wet_signature(as_future).get();
    EXPECT_FALSE(wec) << wec.message();
    admin_transition(application.id(), "wet_form_received");
    admin_payment(application.id(), application.info()->fee.total.kurus());
    admin_transition(application.id(), "production_started");
    admin_transition(application.id(), "shipped");
    return application;
  }

  pki::Credential esign_ca_ = pki::make_ca({.common_name = "NES TEST E-IMZA CA", .certificate_authority = true});
};

TEST_F(CertificatesTest, TheShippedCertificateIsListedActiveWithItsRenewalWindow) {
  const auto& who = applicants_[0];
  const auto application = shipped(who);
  const nes::Certificates certificates(application.session());
  auto [ec, list] = certificates.async_list(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_EQ(list->size(), 1U);
  const auto& c = list->front();
  EXPECT_EQ(c.application_id, application.id());
  EXPECT_EQ(c.state, nes::CertificateState::active);
  EXPECT_FALSE(c.serial.empty());
  EXPECT_NE(c.certificate_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  const auto now = std::chrono::system_clock::now();
  EXPECT_LE(c.not_before, now);
  // The demo form asks for three years; renewal opens three months before the end.
  const auto days_left = c.days_left(now).count();
  EXPECT_GE(days_left, 3 * 365 - 1);
  EXPECT_LE(days_left, 3 * 365 + 1);
  const auto window = std::chrono::floor<std::chrono::days>(c.not_after - c.renewal_from).count();
  EXPECT_GE(window, 89);  // three calendar months: 89 to 92 days
  EXPECT_LE(window, 92);
  EXPECT_FALSE(c.renewal_due(now));
  EXPECT_TRUE(c.renewal_due(c.renewal_from));
  EXPECT_FALSE(c.expiring_soon(now));
  EXPECT_TRUE(c.expiring_soon(c.not_after - std::chrono::days(30)));
  EXPECT_FALSE(c.revoked_at.has_value());
}

TEST_F(CertificatesTest, ARevocationShowsInTheList) {
  const auto& who = applicants_[1];
  const auto application = shipped(who);
  const nes::Certificates certificates(application.session());
  auto [ec, list] = certificates.async_list(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  std::string detail;
  ASSERT_FALSE(portal_->revoke_certificate("esign", list->front().serial, "keyCompromise", &detail)) << detail;
  auto [rec, after] = certificates.async_list(as_future).get();
  ASSERT_FALSE(rec) << rec.message();
  EXPECT_EQ(after->front().state, nes::CertificateState::revoked);
  EXPECT_EQ(after->front().revocation_reason, "keyCompromise");
  EXPECT_TRUE(after->front().revoked_at.has_value());
  EXPECT_FALSE(after->front().renewal_due(after->front().renewal_from));
}

TEST_F(CertificatesTest, ASuspensionWaitsForItsCodeAndALiftBringsItBack) {
  const auto& who = applicants_[2];
  const auto application = shipped(who);
  const nes::Certificates certificates(application.session());
  auto [ec, list] = certificates.async_list(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  const std::string serial = list->front().serial;

  auto [rec, pending] = certificates.async_request_change(serial, nes::CertificateChange::suspend, {}, as_future).get();
  ASSERT_FALSE(rec) << rec.message();
  EXPECT_EQ(pending->serial, serial);
  EXPECT_EQ(pending->change, nes::CertificateChange::suspend);
  EXPECT_FALSE(pending->otp.phone_masked.empty());
  EXPECT_GT(pending->otp.tries_left, 0);
  const std::string code = inbox_.code_for(pending->id);
  auto [wec, wrong] =
      certificates.async_confirm_change(*pending, nes::SecretString(code == "000000" ? "111111" : "000000"), as_future)
          .get();
  EXPECT_EQ(wec, nes::errc::portal_refused);
  ASSERT_NE(wrong.problem(), nullptr);
  EXPECT_EQ(wrong.problem()->code, "otp_invalid");
  auto [cec, suspended] = certificates.async_confirm_change(*pending, nes::SecretString(code), as_future).get();
  ASSERT_FALSE(cec) << cec.message();
  EXPECT_EQ(suspended->state, nes::CertificateState::suspended);

  auto [again_ec, again] =
      certificates.async_request_change(serial, nes::CertificateChange::suspend, {}, as_future).get();
  ASSERT_NE(again.problem(), nullptr);
  EXPECT_EQ(again.problem()->code, "certificate_suspended");

  auto [lec, lift] = certificates.async_request_change(serial, nes::CertificateChange::unsuspend, {}, as_future).get();
  ASSERT_FALSE(lec) << lec.message();
  auto [uec, active] =
      certificates.async_confirm_change(*lift, nes::SecretString(inbox_.code_for(lift->id)), as_future).get();
  ASSERT_FALSE(uec) << uec.message();
  EXPECT_EQ(active->state, nes::CertificateState::active);

  // What cannot be a serial is refused here, and nothing is sent.
  auto [bec, bad] =
      certificates.async_request_change("../admin", nes::CertificateChange::revoke, "keyCompromise", as_future).get();
  EXPECT_EQ(bec, nes::errc::invalid_argument);
}

// A renewal names its certificate; before the window opens the portal's
// refusal comes back as data, with nothing created.
TEST_F(CertificatesTest, ARenewalBeforeItsWindowIsRefusedAsNotDue) {
  const auto& who = applicants_[3];
  const auto first = shipped(who);
  admin_transition(first.id(), "completed");
  const nes::Certificates certificates(first.session());
  auto [ec, list] = certificates.async_list(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  auto session = first.session();
  const auto renewal = nes::Application::renewal(session, who.form(), list->front().serial);
  auto [rec, refused] = renewal.async_submit(notices_of(session, who.institution), as_future).get();
  EXPECT_EQ(rec, nes::errc::portal_refused);
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_EQ(refused.problem()->code, "renewal_not_due");
  EXPECT_TRUE(renewal.id().empty());
}

// PIN Oluşturma/Kilit Çözme: the PUK for the application's security word and
// the SMS code, once; a wrong word is the portal's refusal with the tries left.
TEST_F(CertificatesTest, ThePukComesOnceForTheSecurityWordAndTheCode) {
  const auto& who = applicants_[4];
  auto form = who.form();
  form.certificate.security_word = nes::SecretString("Kır çiçeği 7");
  const auto application = shipped(who, form);
  const nes::Certificates certificates(application.session());
  auto [ec, list] = certificates.async_list(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  const std::string serial = list->front().serial;

  auto [wec, wrong] = certificates.async_request_puk(serial, nes::SecretString("Kır çiçeği 8"), as_future).get();
  EXPECT_EQ(wec, nes::errc::portal_refused);
  ASSERT_NE(wrong.problem(), nullptr);
  EXPECT_EQ(wrong.problem()->code, "security_word_incorrect");
  EXPECT_EQ(wrong.problem()->tries_left, 2);

  auto [rec, pending] = certificates.async_request_puk(serial, nes::SecretString("Kır çiçeği 7"), as_future).get();
  ASSERT_FALSE(rec) << rec.message();
  EXPECT_EQ(pending->serial, serial);
  EXPECT_FALSE(pending->otp.phone_masked.empty());
  auto [cec, puk] =
      certificates.async_confirm_puk(*pending, nes::SecretString(inbox_.code_for(pending->id)), as_future).get();
  ASSERT_FALSE(cec) << cec.message();
  EXPECT_EQ(puk->reveal().size(), 8U);
  auto [again_ec, again] = certificates.async_request_puk(serial, nes::SecretString("Kır çiçeği 7"), as_future).get();
  ASSERT_NE(again.problem(), nullptr);
  EXPECT_EQ(again.problem()->code, "puk_released");
}

TEST(CertificateState, NamesGoBothWays) {
  for (const auto state : {nes::CertificateState::active, nes::CertificateState::suspended,
                           nes::CertificateState::revoked, nes::CertificateState::expired}) {
    EXPECT_EQ(nes::certificate_state_from_string(nes::to_string(state)), state);
  }
  EXPECT_FALSE(nes::certificate_state_from_string("valid"));
  for (const auto change :
       {nes::CertificateChange::suspend, nes::CertificateChange::unsuspend, nes::CertificateChange::revoke}) {
    EXPECT_EQ(nes::certificate_change_from_string(nes::to_string(change)), change);
  }
  EXPECT_FALSE(nes::certificate_change_from_string("hold"));
}

}  // namespace
