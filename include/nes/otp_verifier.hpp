#pragma once
// Step 11: the SMS code of a submitted application. The SDK never resends a
// code or retries a wrong one by itself: every verify and resend is the
// caller's decision, and each answer says what is left (tries, seconds, the
// wait before a resend).

#include <nes/application.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>

#include <functional>
#include <optional>

namespace nes {

/// Where a code comes from: the CLI prompts, a test reads the SMS outbox.
/// Call `give` once, with the code or with an error (operation_aborted when
/// the person gives up).
using OtpCodeSource = std::function<void(const OtpStatus& status, std::function<void(error_code, SecretString)> give)>;

/// Step 11 (Cep Telefonu Doğrulama) of one application: the SMS code verified, resent.
class NES_EXPORT OtpVerifier {
 public:
  /// The executor the verifier's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// For an application in otp_pending (submitted or refreshed).
  explicit OtpVerifier(Application application);

  /// The application's executor.
  [[nodiscard]] executor_type get_executor() const;
  /// Masked phone, deadline, seconds left, tries left, lock; from the last
  /// answer of the portal. Empty once the code is verified.
  [[nodiscard]] std::optional<OtpStatus> status() const;

  /// Sends `code`. A right code moves the application to awaiting_approval.
  /// A wrong one completes with errc::portal_refused and otp_invalid (with
  /// tries_left), the last wrong one otp_locked; an old one otp_expired.
  /// A code of the wrong shape is refused locally (invalid_code), unsent.
  /// When the answer is lost, the SDK asks the portal where the application
  /// stands rather than sending the code again. Supports terminal cancellation.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_verify(SecretString code, Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token), [impl = impl_, c = std::move(code)](ResultHandler<ApplicationInfo> h) mutable {
          verify_impl(impl, std::move(c), std::move(h));
        });
  }

  /// Asks `source` for the code once, then verifies it as async_verify does.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_verify_from(OtpCodeSource source, Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token), [impl = impl_, s = std::move(source)](ResultHandler<ApplicationInfo> h) mutable {
          verify_from_impl(impl, std::move(s), std::move(h));
        });
  }

  /// Asks for a new code. Before the cooldown the portal refuses with
  /// otp_resend_too_early and Problem::retry_after says how long to wait.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_resend(Token&& token = {}) const {
    return detail::initiate<OtpStatus>(std::forward<Token>(token),
                                       [impl = impl_](ResultHandler<OtpStatus> h) { resend_impl(impl, std::move(h)); });
  }

 private:
  using Impl = std::shared_ptr<detail::ApplicationImpl>;
  static void verify_impl(Impl impl, SecretString code, ResultHandler<ApplicationInfo> handler);
  static void verify_from_impl(Impl impl, OtpCodeSource source, ResultHandler<ApplicationInfo> handler);
  static void resend_impl(Impl impl, ResultHandler<OtpStatus> handler);

  Impl impl_;
};

}  // namespace nes
