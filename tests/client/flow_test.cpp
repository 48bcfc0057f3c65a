// The whole flow up to a verified SMS code, as each kind of caller writes
// it: callbacks, futures and coroutines; idempotent and duplicate
// submissions; Başvurularım; log out; and the log scan.

#include "flow_fixture.hpp"

#include <nes/form_validation.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <gmock/gmock.h>

#include <future>
#include <sstream>

namespace {

namespace asio = boost::asio;
using nes::test::as_future;
using nes::test::ClientFixture;
using ::testing::HasSubstr;
using ::testing::Not;

class Flow : public ClientFixture {
 protected:
  void SetUp() override { start(); }
};

TEST_F(Flow, CallbacksFromLoginToAVerifiedCode) {
  const auto& who = applicants_[0];
  std::promise<nes::ApplicationInfo> done;
  std::promise<std::string> failed;
  auto fail = [&](std::string why) { failed.set_value(std::move(why)); };
  std::optional<nes::Application> application;
  std::optional<nes::OtpVerifier> otp;

  client().async_login(
      nes::Credentials{nes::SecretString(who.tckn), nes::SecretString(who.password)},
      [&](nes::error_code ec, nes::Result<nes::Session> session) {
        if (ec) return fail("login: " + ec.message());
        application.emplace(session.value(), who.form());
        session->async_institutions([&, s = session.value()](nes::error_code ec2, auto catalogue) {
          if (ec2) return fail("catalogue: " + ec2.message());
          std::vector<std::string> acks;
          for (const auto& i : catalogue.value()) {
            if (i.id == who.institution) {
              for (const auto& n : i.notices) acks.push_back(n.id);
            }
          }
          application->async_submit(acks, [&](nes::error_code ec3, nes::Result<nes::ApplicationInfo> submitted) {
            if (ec3) return fail("submit: " + ec3.message());
            otp.emplace(*application);
            otp->async_verify(nes::SecretString(inbox_.code_for(submitted->id)),
                              [&](nes::error_code ec4, nes::Result<nes::ApplicationInfo> verified) {
                                if (ec4) return fail("verify: " + ec4.message());
                                done.set_value(verified.value());
                              });
          });
        });
      });
  auto result = done.get_future();
  auto problem = failed.get_future();
  ASSERT_EQ(std::future_status::ready, result.wait_for(std::chrono::seconds(30)))
      << (problem.wait_for(std::chrono::seconds(0)) == std::future_status::ready ? problem.get() : "timed out");
  const auto verified = result.get();
  EXPECT_EQ(verified.status, nes::ApplicationStatus::awaiting_approval);
  EXPECT_FALSE(verified.otp);
  EXPECT_EQ(application->id(), verified.id);
}

TEST_F(Flow, FuturesFromLoginToAVerifiedCodeWithTheFeeFromThePortal) {
  const auto& who = applicants_[1];
  auto [fec, fees] = client().async_fees(as_future).get();
  ASSERT_FALSE(fec) << fec.message();
  const auto price = fees->fee_for(3, false);
  ASSERT_TRUE(price);

  nes::Session session = login(who);
  EXPECT_EQ(session.info().first_name, who.first_name);
  EXPECT_EQ(session.info().tckn_masked.find(who.tckn), std::string::npos);
  auto [pec, phones] = session.async_phones(as_future).get();
  ASSERT_FALSE(pec);
  ASSERT_EQ(phones->size(), 1U);
  EXPECT_EQ(phones->front().masked.substr(phones->front().masked.size() - 5),
            who.mobile.substr(9, 2) + " " + who.mobile.substr(11, 2));

  nes::Application application(session, who.form());
  auto [sec, submitted] = application.async_submit(notices_of(session, who.institution), as_future).get();
  ASSERT_FALSE(sec) << sec.message();
  EXPECT_EQ(submitted->status, nes::ApplicationStatus::otp_pending);
  EXPECT_EQ(submitted->fee, *price);
  ASSERT_TRUE(submitted->otp);
  EXPECT_EQ(submitted->otp->tries_left, 3);
  EXPECT_GT(submitted->otp->seconds_left().count(), 170);
  EXPECT_LE(submitted->otp->seconds_left().count(), 180);
  EXPECT_GT(submitted->otp->resend_wait().count(), 50);
  EXPECT_EQ(submitted->otp->phone_masked, phones->front().masked);

  nes::OtpVerifier otp(application);
  ASSERT_TRUE(otp.status());
  auto [vec, verified] = otp.async_verify(nes::SecretString(inbox_.code_for(submitted->id)), as_future).get();
  ASSERT_FALSE(vec) << vec.message();
  EXPECT_EQ(verified->status, nes::ApplicationStatus::awaiting_approval);
  EXPECT_FALSE(otp.status());
  ASSERT_TRUE(verified->form);
  EXPECT_EQ(verified->form->identity.tckn.reveal(), who.tckn);
  // The portal's copy of the form, read back from its answer, is the form
  // sent as the validators normalise it (the work phone in E.164).
  const auto normalised = nes::validate_form(who.form(), nullptr).normalized;
  ASSERT_TRUE(normalised);
  EXPECT_EQ(*verified->form, *normalised);
}

TEST_F(Flow, DebtInquiryWithoutLoginShowsWhatAwaitsPayment) {
  const auto& who = applicants_[2];
  auto [nec, none] = client().async_debt(nes::SecretString(who.tckn), as_future).get();
  ASSERT_FALSE(nec) << nec.message();
  EXPECT_TRUE(none->debts.empty());
  EXPECT_EQ(none->total.kurus(), 0);
  EXPECT_EQ(none->tckn_masked.find(who.tckn), std::string::npos);

  // Approved by wet signature, the form received: the fee is owed.
  auto application = verified_application(who);
  auto [wec, wet] = application.async_choose_wet_signature(as_future).get();
  ASSERT_FALSE(wec) << wec.message();
  admin_transition(application.id(), "wet_form_received");
  auto [dec, owed] = client().async_debt(nes::SecretString(who.tckn), as_future).get();
  ASSERT_FALSE(dec) << dec.message();
  ASSERT_EQ(owed->debts.size(), 1U);
  EXPECT_EQ(owed->debts[0].application_id, application.id());
  EXPECT_EQ(owed->total, owed->debts[0].amount.total);
  EXPECT_GT(owed->total.kurus(), 0);

  // A number that is not a T.C. Kimlik No is refused here; nothing is sent.
  auto [bec, bad] = client().async_debt(nes::SecretString("12345678901"), as_future).get();
  EXPECT_EQ(bec, nes::errc::validation_failed);
  ASSERT_NE(bad.problem(), nullptr);
  EXPECT_TRUE(bad.problem()->local());
  EXPECT_EQ(bad.problem()->errors.at(0).field, "identity.tckn");
}

TEST_F(Flow, CoroutinesFromLoginToAVerifiedCode) {
  const auto& who = applicants_[2];
  auto flow = [&]() -> asio::awaitable<nes::ApplicationInfo> {
    nes::Credentials credentials{nes::SecretString(who.tckn), nes::SecretString(who.password)};
    auto session = co_await client().async_login(std::move(credentials), asio::use_awaitable);
    auto catalogue = co_await session->async_institutions(asio::use_awaitable);
    std::vector<std::string> acks;
    for (const auto& i : *catalogue) {
      if (i.id == who.institution) {
        for (const auto& n : i.notices) acks.push_back(n.id);
      }
    }
    nes::Application application(*session, who.form());
    auto submitted = co_await application.async_submit(std::move(acks), asio::use_awaitable);
    nes::OtpVerifier otp(application);
    nes::SecretString code(inbox_.code_for(submitted->id));
    auto verified = co_await otp.async_verify(std::move(code), asio::use_awaitable);
    co_return verified.value();
  };
  auto verified = asio::co_spawn(io_, flow(), asio::use_future).get();
  EXPECT_EQ(verified.status, nes::ApplicationStatus::awaiting_approval);
}

TEST_F(Flow, ACodeSourceCallbackGivesTheCode) {
  const auto& who = applicants_[3];
  nes::Session session = login(who);
  nes::Application application(session, who.form());
  auto [sec, submitted] = application.async_submit(notices_of(session, who.institution), as_future).get();
  ASSERT_FALSE(sec);
  nes::OtpVerifier otp(application);
  std::string seen_phone;
  std::thread prompt;
  auto [vec, verified] =
      otp.async_verify_from(
             [&](const nes::OtpStatus& status, std::function<void(nes::error_code, nes::SecretString)> give) {
               seen_phone = status.phone_masked;
               // As a prompt would: on another thread, later.
               prompt = std::thread([&, give] { give({}, nes::SecretString(inbox_.code_for(submitted->id))); });
             },
             as_future)
          .get();
  prompt.join();
  ASSERT_FALSE(vec) << vec.message();
  EXPECT_EQ(verified->status, nes::ApplicationStatus::awaiting_approval);
  EXPECT_EQ(seen_phone, submitted->otp->phone_masked);

  // A source that gives up ends the operation without sending anything.
  nes::Application second(session, applicants_[3].form());
  auto [gec, given_up] =
      nes::OtpVerifier(second)
          .async_verify_from(
              [](const nes::OtpStatus&, auto give) { give(asio::error::operation_aborted, nes::SecretString()); },
              as_future)
          .get();
  EXPECT_EQ(gec, asio::error::operation_aborted);
}

TEST_F(Flow, ASubmissionRepeatedReturnsTheSameApplicationAndAnotherIsADuplicate) {
  const auto& who = applicants_[4];
  nes::Session session = login(who);
  const auto acks = notices_of(session, who.institution);
  nes::Application application(session, who.form());
  auto [e1, first] = application.async_submit(acks, as_future).get();
  ASSERT_FALSE(e1);
  auto [e2, again] = application.async_submit(acks, as_future).get();
  ASSERT_FALSE(e2) << e2.message();
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(inbox_.count(first->id), 1);

  // A second Application for the same person and institution is another
  // submission (another key): the portal names the open one.
  nes::Application other(session, who.form());
  EXPECT_NE(other.idempotency_key(), application.idempotency_key());
  auto [e3, duplicate] = other.async_submit(acks, as_future).get();
  EXPECT_EQ(e3, nes::errc::portal_refused);
  ASSERT_TRUE(duplicate.problem());
  EXPECT_EQ(duplicate.problem()->code, "duplicate_application");
  EXPECT_EQ(duplicate.problem()->http_status, 409);
  EXPECT_EQ(duplicate.problem()->application_id, first->id);
  EXPECT_FALSE(duplicate.problem()->request_id.empty());

  // Attached by id, it is the same application.
  auto attached = nes::Application::attach(session, duplicate.problem()->application_id);
  auto [e4, refreshed] = attached.async_refresh(as_future).get();
  ASSERT_FALSE(e4);
  EXPECT_EQ(refreshed->status, nes::ApplicationStatus::otp_pending);
  EXPECT_EQ(refreshed->fee, first->fee);

  // A key given again (as a journal would) replays too.
  nes::Application resumed(session, who.form(), application.idempotency_key());
  auto [e5, replayed] = resumed.async_submit(acks, as_future).get();
  ASSERT_FALSE(e5);
  EXPECT_EQ(replayed->id, first->id);

  auto [e6, mine] = session.async_applications(as_future).get();
  ASSERT_FALSE(e6);
  ASSERT_EQ(mine->size(), 1U);
  EXPECT_EQ(mine->front().id, first->id);

  auto admin = admin_applications();
  EXPECT_EQ(std::count_if(admin.begin(), admin.end(), [&](const auto& a) { return a.tckn == who.tckn; }), 1);

  auto [e7, cancelled] = attached.async_cancel(as_future).get();
  ASSERT_FALSE(e7);
  EXPECT_EQ(cancelled->status, nes::ApplicationStatus::cancelled);
}

TEST_F(Flow, LoggingOutEndsTheSession) {
  nes::Session session = login(applicants_[5]);
  auto [ec, done] = session.async_logout(as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  auto [ec2, phones] = session.async_phones(as_future).get();
  EXPECT_EQ(ec2, nes::errc::portal_refused);
  ASSERT_TRUE(phones.problem());
  EXPECT_EQ(phones.problem()->code, "unauthenticated");
  EXPECT_EQ(phones.problem()->http_status, 401);
}

TEST_F(Flow, TheMostVerboseLogHoldsNoSecret) {
  const auto& who = applicants_[6];
  const auto verified = apply_to_verified_code(who);
  const auto code = inbox_.code_for(verified.id);
  const std::string log = logs_.text();
  ASSERT_THAT(log, HasSubstr("/api/v1/applications"));  // the log is there
  ASSERT_THAT(log, HasSubstr("trace"));
  EXPECT_THAT(log, Not(HasSubstr(who.tckn)));
  EXPECT_THAT(log, Not(HasSubstr(who.tckn.substr(0, 9))));
  EXPECT_THAT(log, Not(HasSubstr(who.password)));
  // As a JSON string or a form value (a bare six-digit run may occur in a
  // request id by chance).
  EXPECT_THAT(log, Not(HasSubstr('"' + code + '"')));
  EXPECT_THAT(log, Not(HasSubstr("=" + code)));
  EXPECT_THAT(log, Not(HasSubstr("nes_session=")));
  EXPECT_THAT(log, HasSubstr(R"("code_verifier":"***")"));
  EXPECT_THAT(log, HasSubstr(R"("csrf_token":"***")"));
  // Headers that carry secrets are shown masked.
  EXPECT_THAT(log, HasSubstr("X-CSRF-Token: ***"));
  EXPECT_THAT(log, Not(HasSubstr(who.first_name + " " + who.last_name)));
}

}  // namespace

TEST_F(Flow, ConcurrentLoginsOnANewClientAskForThePortalInfoOnce) {
  // A batch of logins (an HR system's morning) starts together on a client
  // that has not asked the portal for its info yet.
  std::vector<std::future<std::tuple<nes::error_code, nes::Result<nes::Session>>>> logins;
  logins.reserve(applicants_.size());
  for (const auto& who : applicants_) {
    logins.push_back(client().async_login(
        nes::Credentials{nes::SecretString(who.tckn), nes::SecretString(who.password)}, as_future));
  }
  for (auto& login : logins) {
    auto [ec, session] = login.get();
    EXPECT_FALSE(ec) << ec.message();
  }
  const std::string log = logs_.text();
  // The debug line of each request: "> GET https://host:port/api/v1/info".
  std::size_t asked = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("> GET ") != std::string::npos && line.ends_with("/api/v1/info")) ++asked;
  }
  EXPECT_EQ(asked, 1U) << log;
}
