#pragma once
// The portal's refusals as data (RFC 9457 problem details), and Result<T>,
// what every Session, Application and OtpVerifier operation completes with.
// See docs/adr/0006-client-sessions-and-results.md.

#include <nes/export.hpp>
#include <nes/field_error.hpp>
#include <nes/lifecycle.hpp>

#include <cassert>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace nes {

/// One refusal: the portal's problem document, or a problem the SDK found
/// before sending anything (then http_status is 0 and request_id empty).
struct NES_EXPORT Problem {
  /// The HTTP status; 0 for a problem the SDK found itself.
  int http_status = 0;
  /// The stable machine code: "invalid_form", "otp_invalid", "session_expired"…
  /// (docs/protocol/openapi.yaml lists them).
  std::string code;
  /// The portal's short English summary, for logs.
  std::string title;
  /// The portal's English detail, for logs; messages for people come from describe().
  std::string detail;
  /// The portal's X-Request-Id, for a support ticket.
  std::string request_id;
  /// A form's problems, on the form's own field paths ("identity.tckn").
  FieldErrors errors;
  /// SMS code tries left (otp_invalid, otp_locked).
  std::optional<int> tries_left;
  /// When the portal says when to come back (rate_limited, otp_resend_too_early).
  std::optional<std::chrono::seconds> retry_after;
  /// The application a problem names (duplicate_application).
  std::string application_id;
  /// Where the application stands (invalid_transition).
  std::optional<ApplicationStatus> application_status;
  /// The institution's list's version now (list_changed).
  std::string current_version;

  /// True when the code is `c`.
  [[nodiscard]] bool is(std::string_view c) const noexcept { return code == c; }
  /// True when the SDK found it locally and sent nothing.
  [[nodiscard]] bool local() const noexcept { return http_status == 0; }
};

/// A value, or the problem that stopped it, or neither (the operation's
/// error_code then says what failed: a transport error, a cancellation).
/// The error_code is errc::portal_refused exactly when the portal sent a
/// problem, and errc::validation_failed when the SDK refused the input
/// locally; both carry a problem().
template <class T>
class NES_EXPORT Result {
 public:
  Result() = default;
  /// A value.
  /* implicit */ Result(T value) : state_(std::in_place_index<1>, std::move(value)) {}
  /// A refusal.
  /* implicit */ Result(Problem problem) : state_(std::in_place_index<2>, std::move(problem)) {}

  /// True when it holds a value.
  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 1; }
  /// True when it holds a value.
  explicit operator bool() const noexcept { return has_value(); }

  /// The value (has_value() must be true).
  [[nodiscard]] const T& value() const& {
    assert(has_value());
    return std::get<1>(state_);
  }
  /// The value (has_value() must be true).
  [[nodiscard]] T& value() & {
    assert(has_value());
    return std::get<1>(state_);
  }
  /// The value, moved out (has_value() must be true).
  [[nodiscard]] T&& value() && {
    assert(has_value());
    return std::get<1>(std::move(state_));
  }
  /// The value (has_value() must be true).
  const T& operator*() const& { return value(); }
  /// The value (has_value() must be true).
  const T* operator->() const { return &value(); }

  /// The refusal, or null.
  [[nodiscard]] const Problem* problem() const noexcept { return std::get_if<2>(&state_); }

 private:
  std::variant<std::monostate, T, Problem> state_;
};

/// The value of an operation that has nothing to return (log out, cancel…).
struct NES_EXPORT Done {
  friend bool operator==(const Done&, const Done&) = default;
};

}  // namespace nes
