#pragma once
// When a failed exchange is tried again, and after how long: exponential
// backoff with full jitter, a server's Retry-After honoured, never past the
// operation's total deadline. Only the caller knows whether a request is
// safe to repeat; this decides the timing.

#include <nes/client_options.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace nes::net {

/// 429, 502, 503 and 504: the server says "not now", not "no".
bool is_retryable_status(int status) noexcept;

class Backoff {
 public:
  Backoff(RetryPolicy policy, std::uint64_t seed) : policy_(policy), random_(seed) {}

  /// The wait before the next attempt, after `failed_attempts` attempts
  /// (1 after the first), or nullopt when no attempt is left or the wait
  /// would end past `time_left`.
  std::optional<std::chrono::milliseconds> next(int failed_attempts, std::optional<std::chrono::seconds> retry_after,
                                                std::chrono::milliseconds time_left);

 private:
  RetryPolicy policy_;
  std::mt19937_64 random_;
};

/// A Retry-After header in seconds ("120"); the HTTP-date form is read as
/// nullopt, and the caller's own backoff applies.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) noexcept;

}  // namespace nes::net
