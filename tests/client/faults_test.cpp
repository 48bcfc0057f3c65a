// 200 applications through the SDK while the portal resets connections,
// answers 503 with Retry-After and rejects right CSRF tokens. The caller
// retries what the SDK reports as transient, as an integrator would; the
// portal's admin API then shows each person's application exactly once.

#include "flow_fixture.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <iostream>
#include <map>

namespace {

namespace asio = boost::asio;
using nes::test::Applicant;
using nes::test::as_future;
using nes::test::ClientFixture;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t applications = 200;
constexpr int workers = 16;

// What a caller may simply try again: no answer, or a "not now" answer.
bool transient(const nes::error_code& ec, const nes::Problem* problem) {
  if (ec == nes::errc::connection_lost || ec == nes::errc::timed_out || ec == nes::errc::connection_failed) {
    return true;
  }
  return problem != nullptr && (problem->is("unavailable") || problem->is("csrf_rejected"));
}

class Faults : public ClientFixture {
 protected:
  void SetUp() override {
    use_applicants(applications, 700000);
    nes::portal::PortalOptions options;
    options.faults.seed = 20261125;
    options.faults.reset_rate = 0.05;
    options.faults.unavailable_rate = 0.05;
    options.faults.csrf_reject_rate = 0.05;
    options.faults.retry_after_seconds = 1;
    options.rate_limits = {.window_seconds = 60,
                           .logins_per_person = 0,
                           .logins_per_address = 0,
                           .sms_per_person = 0,
                           .sms_per_address = 0,
                           .debt_inquiries_per_person = 0,
                           .debt_inquiries_per_address = 0};
    options.threads = 2;
    start(std::move(options));
  }

  asio::awaitable<std::string> apply(const Applicant& who) {
    auto pause = [](std::chrono::milliseconds ms) -> asio::awaitable<void> {
      asio::steady_timer timer(co_await asio::this_coro::executor, ms);
      co_await timer.async_wait(use_tuple);
    };
    std::optional<nes::Session> session;
    for (;;) {
      nes::Credentials c{nes::SecretString(who.tckn), nes::SecretString(who.password)};
      auto [ec, s] = co_await client().async_login(std::move(c), use_tuple);
      if (!ec) {
        session = std::move(s).value();
        break;
      }
      if (!transient(ec, s.problem())) co_return "login: " + ec.message();
      ++retries_;
      co_await pause(std::chrono::milliseconds(50));
    }
    std::vector<std::string> acks;
    for (;;) {
      auto [ec, catalogue] = co_await session->async_institutions(use_tuple);
      if (!ec) {
        for (const auto& i : *catalogue) {
          if (i.id == who.institution) {
            for (const auto& n : i.notices) acks.push_back(n.id);
          }
        }
        break;
      }
      if (!transient(ec, catalogue.problem())) co_return "catalogue: " + ec.message();
      ++retries_;
      co_await pause(std::chrono::milliseconds(50));
    }
    nes::Application application(*session, who.form());
    std::string id;
    for (;;) {
      auto [ec, submitted] = co_await application.async_submit(acks, use_tuple);
      if (!ec) {
        id = submitted->id;
        break;
      }
      if (!transient(ec, submitted.problem())) {
        co_return "submit: " + ec.message() + " " + (submitted.problem() ? submitted.problem()->code : "");
      }
      ++retries_;
      co_await pause(std::chrono::milliseconds(50));
    }
    const std::string code = inbox_.code_for(id);
    nes::OtpVerifier otp(application);
    for (;;) {
      auto [ec, verified] = co_await otp.async_verify(nes::SecretString(code), use_tuple);
      if (!ec) break;
      if (!transient(ec, verified.problem())) {
        co_return "verify: " + ec.message() + " " + (verified.problem() ? verified.problem()->code : "");
      }
      ++retries_;
      co_await pause(std::chrono::milliseconds(50));
    }
    co_return std::string();
  }

  std::atomic<int> retries_ = 0;
};

TEST_F(Faults, TwoHundredApplicationsCompleteEachExactlyOnce) {
  std::atomic<std::size_t> next = 0;
  std::mutex mutex;
  std::vector<std::string> failures;
  auto worker = [&]() -> asio::awaitable<void> {
    for (std::size_t i = next++; i < applicants_.size(); i = next++) {
      auto failure = co_await apply(applicants_[i]);
      if (!failure.empty()) {
        const std::lock_guard lock(mutex);
        failures.push_back(applicants_[i].tckn.substr(0, 3) + "…: " + failure);
      }
    }
  };
  std::vector<std::future<void>> running;
  for (int w = 0; w < workers; ++w) running.push_back(asio::co_spawn(io_, worker(), asio::use_future));
  for (auto& r : running) r.get();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  // The faults did happen, and the SDK and its caller got through them.
  EXPECT_GT(retries_.load(), 10);
  std::cout << "[ faults   ] " << retries_.load() << " retries by the caller over " << applications << " flows\n";

  std::map<std::string, std::vector<std::string>> by_person;
  for (const auto& a : admin_applications()) by_person[a.tckn].push_back(a.status);
  EXPECT_EQ(by_person.size(), applications);
  for (const auto& who : applicants_) {
    const auto& statuses = by_person[who.tckn];
    ASSERT_EQ(statuses.size(), 1U) << "applicant " << who.last_name;
    EXPECT_EQ(statuses.front(), "awaiting_approval");
  }
}

}  // namespace
