// The SDK's client against the in-process reference portal over TLS: an
// io_context on its own thread, a portal knowing made-up applicants, their
// SMS codes, the SDK's log, and the portal's admin API as the referee.

#pragma once

#include "applicants.hpp"
#include "sms_inbox.hpp"

#include <nes/application.hpp>
#include <nes/client.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/portal/reference_portal.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace nes::test {

/// A completion token for tests: a std::future of the whole completion,
/// (error_code, Result<T>) as a tuple, so that a refusal's Problem is kept.
/// (Asio's as_tuple(use_future) does not compose in Boost 1.81.)
struct TupleFuture {};
inline constexpr TupleFuture as_future{};

}  // namespace nes::test

template <class... Args>
struct boost::asio::async_result<nes::test::TupleFuture, void(Args...)> {
  using Tuple = std::tuple<std::decay_t<Args>...>;
  template <class Initiation, class... InitArgs>
  static std::future<Tuple> initiate(Initiation&& initiation, nes::test::TupleFuture, InitArgs&&... args) {
    auto promise = std::make_shared<std::promise<Tuple>>();
    auto future = promise->get_future();
    std::forward<Initiation>(initiation)([promise](Args... values) { promise->set_value(Tuple(std::move(values)...)); },
                                         std::forward<InitArgs>(args)...);
    return future;
  }
};

namespace nes::test {

/// Every line the SDK logs, for the log scan.
class LogCapture {
 public:
  LogSink sink();
  std::string text() const;

 private:
  mutable std::mutex mutex_;
  std::string text_;
};

/// One application as the admin API lists it.
struct AdminView {
  std::string id;
  std::string status;
  std::string tckn;
};

class ClientFixture : public ::testing::Test {
 protected:
  ClientFixture();
  ~ClientFixture() override;

  /// Replaces the applicants (and the registry) before start().
  void use_applicants(std::size_t count, std::uint32_t first_serial);

  /// Starts the portal with `options` plus this fixture's registry, SMS sink
  /// and admin token, and a client for it.
  void start(portal::PortalOptions options = {});
  [[nodiscard]] ClientOptions client_options();
  Client& client() { return *client_; }

  /// Logs in; fails the test when it does not work.
  Session login(const Applicant& who);
  /// Login, submission (every notice acknowledged) and the right code.
  ApplicationInfo apply_to_verified_code(const Applicant& who);
  /// The same, as the Application (in awaiting_approval), for step 12.
  Application verified_application(const Applicant& who);

  /// The ids of the institution's notices, as an applicant acknowledges them.
  std::vector<std::string> notices_of(Session& session, const std::string& institution);
  /// Every application the portal holds.
  std::vector<AdminView> admin_applications();

  std::vector<Applicant> applicants_;
  SmsInbox inbox_;
  LogCapture logs_;
  boost::asio::io_context io_;
  std::unique_ptr<portal::ReferencePortal> portal_;

 private:
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::filesystem::path directory_;
  std::optional<Client> client_;
};

}  // namespace nes::test
