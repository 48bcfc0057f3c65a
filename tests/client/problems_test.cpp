// Every way the flow can be refused, and how the SDK reports it: the
// portal's problems as data (status, code, field errors, request id), the
// form refused locally without a request, the SMS code's rules, an expired
// session with and without a new login, and a cancelled operation.

#include "flow_fixture.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include <gmock/gmock.h>

#include <functional>

namespace {

namespace asio = boost::asio;
using nes::test::as_future;
using nes::test::ClientFixture;
using ::testing::HasSubstr;

class Problems : public ClientFixture {
 protected:
  void SetUp() override {
    nes::portal::PortalOptions options;
    options.otp.resend_after_seconds = 1;
    start(std::move(options));
  }

  std::pair<nes::Application, nes::ApplicationInfo> submitted(const nes::test::Applicant& who) {
    nes::Session session = login(who);
    nes::Application application(session, who.form());
    auto [ec, info] = application.async_submit(notices_of(session, who.institution), as_future).get();
    if (ec) throw std::runtime_error("submit: " + ec.message());
    return {application, info.value()};
  }
};

TEST_F(Problems, AWrongPasswordIsTheGatewaysInvalidCredentials) {
  nes::Credentials wrong{nes::SecretString(applicants_[0].tckn), nes::SecretString("not-the-password")};
  auto [ec, session] = client().async_login(std::move(wrong), as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_TRUE(session.problem());
  EXPECT_EQ(session.problem()->code, "invalid_credentials");
  EXPECT_EQ(session.problem()->http_status, 401);
  EXPECT_FALSE(session.has_value());
}

TEST_F(Problems, APersonWhoIsNotStaffOfTheInstitutionIsRefusedByThePortal) {
  const auto& who = applicants_[0];
  nes::Session session = login(who);
  auto form = who.form();
  form.institution.id = "saglik-bakanligi";
  nes::Application application(session, form);
  auto [ec, result] = application.async_submit(notices_of(session, "saglik-bakanligi"), as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_TRUE(result.problem());
  EXPECT_EQ(result.problem()->code, "not_staff");
  EXPECT_EQ(result.problem()->http_status, 403);
}

struct BadField {
  const char* name;
  std::function<void(nes::ApplicationForm&)> spoil;
  const char* field;
  nes::ValidationCode code;
};

TEST_F(Problems, EachInvalidFieldIsRefusedLocallyOnItsPathAndNothingIsSent) {
  const auto& who = applicants_[1];
  nes::Session session = login(who);
  const auto acks = notices_of(session, who.institution);
  const std::vector<BadField> cases = {
      {"tckn", [](auto& f) { f.identity.tckn.assign("10000000147"); }, "identity.tckn", nes::ValidationCode::checksum},
      {"first name", [](auto& f) { f.identity.first_name = "Ali2"; }, "identity.first_name",
       nes::ValidationCode::invalid_character},
      {"mobile", [](auto& f) { f.identity.mobile_phone = "0312 298 20 00"; }, "identity.mobile_phone",
       nes::ValidationCode::not_mobile},
      {"email", [](auto& f) { f.identity.info_channel = nes::InfoChannel::email; }, "identity.email",
       nes::ValidationCode::required},
      {"unit", [](auto& f) { f.institution.unit.clear(); }, "institution.unit", nes::ValidationCode::required},
      {"work phone", [](auto& f) { f.institution.work_phone = "12"; }, "institution.work_phone",
       nes::ValidationCode::invalid_phone},
      {"validity", [](auto& f) { f.certificate.validity_years = 5; }, "certificate.validity_years",
       nes::ValidationCode::not_offered},
      {"card reader", [](auto& f) { f.certificate.card_reader = true; }, "certificate.card_reader",
       nes::ValidationCode::not_offered},
      {"postal code", [](auto& f) { f.delivery.postal_code = "6420"; }, "delivery.postal_code",
       nes::ValidationCode::invalid_postal_code},
      {"province", [](auto& f) { f.delivery.province = "Ankaraa"; }, "delivery.province",
       nes::ValidationCode::unknown_province},
      {"institution", [](auto& f) { f.institution.id = "no-such-place"; }, "institution.id",
       nes::ValidationCode::unknown_institution},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto form = who.form();
    c.spoil(form);
    nes::Application application(session, form);
    auto [ec, result] = application.async_submit(acks, as_future).get();
    EXPECT_EQ(ec, nes::errc::validation_failed);
    ASSERT_TRUE(result.problem());
    EXPECT_TRUE(result.problem()->local());
    EXPECT_EQ(result.problem()->code, "invalid_form");
    const auto& errors = result.problem()->errors;
    EXPECT_TRUE(std::any_of(errors.begin(), errors.end(),
                            [&](const nes::FieldError& e) { return e.field == c.field && e.code == c.code; }))
        << (errors.empty() ? std::string("no errors")
                           : errors.front().field + " " + std::string(nes::to_string(errors.front().code)));
    EXPECT_TRUE(application.id().empty());
  }
  // Notices must be acknowledged, each of them.
  nes::Application unacknowledged(session, who.form());
  auto [ec, result] = unacknowledged.async_submit({}, as_future).get();
  EXPECT_EQ(ec, nes::errc::validation_failed);
  ASSERT_TRUE(result.problem());
  EXPECT_EQ(result.problem()->code, "notices_not_acknowledged");
  EXPECT_THAT(result.problem()->detail, HasSubstr("no_refund"));

  EXPECT_TRUE(admin_applications().empty());
  EXPECT_THAT(logs_.text(), ::testing::Not(HasSubstr("POST https://127.0.0.1:" + std::to_string(portal_->port()) +
                                                     "/api/v1/applications")));
}

TEST_F(Problems, WrongCodesCountDownThenLockAndTheRightCodeNoLongerWorks) {
  auto [application, info] = submitted(applicants_[2]);
  const std::string right = inbox_.code_for(info.id);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  nes::OtpVerifier otp(application);
  for (int left : {2, 1}) {
    auto [ec, result] = otp.async_verify(nes::SecretString(wrong), as_future).get();
    EXPECT_EQ(ec, nes::errc::portal_refused);
    ASSERT_TRUE(result.problem());
    EXPECT_EQ(result.problem()->code, "otp_invalid");
    EXPECT_EQ(result.problem()->http_status, 422);
    EXPECT_EQ(result.problem()->tries_left, left);
  }
  auto [ec, locked] = otp.async_verify(nes::SecretString(wrong), as_future).get();
  ASSERT_TRUE(locked.problem());
  EXPECT_EQ(locked.problem()->code, "otp_locked");
  EXPECT_EQ(locked.problem()->http_status, 423);
  auto [ec2, still] = otp.async_verify(nes::SecretString(right), as_future).get();
  ASSERT_TRUE(still.problem());
  EXPECT_EQ(still.problem()->code, "otp_locked");
  EXPECT_EQ(inbox_.count(info.id), 1);  // nothing was resent on its own

  auto [ec3, refreshed] = application.async_refresh(as_future).get();
  ASSERT_FALSE(ec3);
  EXPECT_TRUE(refreshed->otp->locked);
  EXPECT_EQ(refreshed->otp->tries_left, 0);
}

TEST_F(Problems, ACodeOfTheWrongShapeIsNotSent) {
  auto [application, info] = submitted(applicants_[3]);
  nes::OtpVerifier otp(application);
  for (const char* bad : {"12345", "1234567", "12a456", "١٢٣٤٥٦"}) {
    auto [ec, result] = otp.async_verify(nes::SecretString(bad), as_future).get();
    EXPECT_EQ(ec, nes::errc::validation_failed) << bad;
    ASSERT_TRUE(result.problem());
    EXPECT_EQ(result.problem()->code, "invalid_code");
  }
  auto [ec, refreshed] = application.async_refresh(as_future).get();
  EXPECT_EQ(refreshed->otp->tries_left, 3);
}

TEST_F(Problems, AnEarlyResendIsRefusedWithTheWaitAndALaterOneSendsANewCode) {
  auto [application, info] = submitted(applicants_[4]);
  nes::OtpVerifier otp(application);
  // The portal here allows a resend after 1 s; the status says so too.
  EXPECT_LE(otp.status()->resend_wait().count(), 1);
  auto [ec, early] = otp.async_resend(as_future).get();
  ASSERT_TRUE(early.problem()) << ec.message();
  EXPECT_EQ(early.problem()->code, "otp_resend_too_early");
  EXPECT_EQ(early.problem()->http_status, 429);
  ASSERT_TRUE(early.problem()->retry_after);
  EXPECT_GE(early.problem()->retry_after->count(), 1);
  EXPECT_EQ(inbox_.count(info.id), 1);

  std::this_thread::sleep_for(*early.problem()->retry_after + std::chrono::milliseconds(100));
  auto [ec2, again] = otp.async_resend(as_future).get();
  ASSERT_FALSE(ec2) << ec2.message();
  EXPECT_EQ(again->tries_left, 3);
  EXPECT_EQ(inbox_.count(info.id), 2);
  EXPECT_EQ(otp.status()->tries_left, 3);
  auto [ec3, verified] = otp.async_verify(nes::SecretString(inbox_.code_for(info.id)), as_future).get();
  ASSERT_FALSE(ec3);
  EXPECT_EQ(verified->status, nes::ApplicationStatus::awaiting_approval);
}

TEST_F(Problems, AnExpiredSessionIsSaidUnlessTheCallerLogsInAgain) {
  const auto& who = applicants_[5];
  nes::portal::PortalOptions short_sessions;
  short_sessions.session_ttl_seconds = 1;
  start(std::move(short_sessions));
  nes::Session session = login(who);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  auto [ec, phones] = session.async_phones(as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_TRUE(phones.problem());
  EXPECT_EQ(phones.problem()->code, "session_expired");

  // A callback that gives up: still the portal's problem.
  session.on_session_expired([](auto give) { give(asio::error::operation_aborted, nes::Credentials{}); });
  auto [ec2, refused] = session.async_phones(as_future).get();
  ASSERT_TRUE(refused.problem());
  EXPECT_EQ(refused.problem()->code, "session_expired");

  // A callback with credentials: a new login, and the request goes through.
  std::atomic<int> asked = 0;
  session.on_session_expired([&](auto give) {
    ++asked;
    give({}, nes::Credentials{nes::SecretString(who.tckn), nes::SecretString(who.password)});
  });
  auto [ec3, listed] = session.async_phones(as_future).get();
  ASSERT_FALSE(ec3) << ec3.message();
  EXPECT_EQ(listed->size(), 1U);
  EXPECT_EQ(asked, 1);
  // A state-changing request works with the new session's CSRF token.
  nes::Application application(session, who.form());
  auto [ec4, submitted] = application.async_submit(notices_of(session, who.institution), as_future).get();
  EXPECT_FALSE(ec4) << ec4.message();
}

TEST_F(Problems, ACancelledOperationEndsAtOnceAndTheSessionStaysUsable) {
  const auto& who = applicants_[6];
  nes::portal::PortalOptions slow;  // every answer waits 1.5 s
  slow.faults.latency_rate = 1;
  slow.faults.latency_ms = 1500;
  start(std::move(slow));
  nes::Session session = login(who);

  asio::cancellation_signal cancel;
  std::promise<std::pair<nes::error_code, nes::Result<std::vector<nes::RegisteredPhone>>>> done;
  const auto started = std::chrono::steady_clock::now();
  session.async_phones(asio::bind_cancellation_slot(cancel.slot(), [&](nes::error_code ec, auto result) {
    done.set_value({ec, std::move(result)});
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  asio::post(io_, [&] { cancel.emit(asio::cancellation_type::terminal); });
  auto [ec, result] = done.get_future().get();
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(ec, asio::error::operation_aborted);
  EXPECT_FALSE(result.has_value());
  EXPECT_LT(took, std::chrono::milliseconds(1200));

  auto [ec2, phones] = session.async_phones(as_future).get();
  ASSERT_FALSE(ec2) << ec2.message();
  EXPECT_EQ(phones->size(), 1U);
}

}  // namespace
