// The SDK's client against the in-process reference portal over TLS: an
// io_context on its own thread, a portal knowing made-up applicants, their
// SMS codes, the SDK's log, and the portal's admin API as the referee.

#pragma once

#include "applicants.hpp"
#include "email_inbox.hpp"
#include "sms_inbox.hpp"

#include <nes/application.hpp>
#include <nes/client.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/portal/reference_portal.hpp>
#include <nes/use_future.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <nes/timestamp_client.hpp>

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

/// The SDK's own tuple future (nes/use_future.hpp): a refusal keeps its Problem.
inline constexpr auto as_future = nes::use_future;

}  // namespace nes::test

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
  /// Starts on the demo registry instead (its institution's officer and staff).
  void use_demo_registry() { demo_registry_ = true; }

  /// Starts the portal with `options` plus this fixture's registry, SMS sink
  /// and admin token, and a client for it.
  void start(portal::PortalOptions options = {});
  [[nodiscard]] ClientOptions client_options();
  Client& client() { return *client_; }
  /// The portal's time-stamping authority for demo subscriber `customer`
  /// (1000: plenty of credit; 1001: one time stamp) with `password`.
  [[nodiscard]] TimestampClient timestamps(std::uint64_t customer = 1000, std::string password = "Demo-ZD-Parola-1");

  /// Logs in; fails the test when it does not work.
  Session login(const Applicant& who);
  /// Login, submission (every notice acknowledged) and the right code.
  ApplicationInfo apply_to_verified_code(const Applicant& who);
  /// The same, as the Application (in awaiting_approval), for step 12.
  Application verified_application(const Applicant& who);
  /// The same with `form` instead of the applicant's own.
  Application verified_application(const Applicant& who, const ApplicationForm& form);

  /// The ids of the institution's notices, as an applicant acknowledges them.
  std::vector<std::string> notices_of(Session& session, const std::string& institution);
  /// Every application the portal holds.
  std::vector<AdminView> admin_applications();
  /// Kamu SM's step through the admin API (accepted_for_payment, …).
  void admin_transition(const std::string& application_id, const std::string& event);
  /// Kamu SM records the payment of `amount_kurus`.
  void admin_payment(const std::string& application_id, std::int64_t amount_kurus);

  std::vector<Applicant> applicants_;
  SmsInbox inbox_;
  EmailInbox email_;
  LogCapture logs_;
  boost::asio::io_context io_;
  std::unique_ptr<portal::ReferencePortal> portal_;

 private:
  void admin_event(const std::string& application_id, const std::string& body);
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::filesystem::path directory_;
  std::optional<Client> client_;
  bool demo_registry_ = false;
};

}  // namespace nes::test
