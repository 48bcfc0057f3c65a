#include "net/retry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace nes::net {

bool is_retryable_status(int status) noexcept {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

std::optional<std::chrono::milliseconds> Backoff::next(int failed_attempts,
                                                       std::optional<std::chrono::seconds> retry_after,
                                                       std::chrono::milliseconds time_left) {
  using std::chrono::milliseconds;
  if (failed_attempts >= policy_.max_attempts) return std::nullopt;
  // The ceiling grows by the multiplier per attempt; the wait is drawn
  // uniformly below it ("full jitter"), so that many clients spread out.
  const double grown = static_cast<double>(policy_.initial_backoff.count()) *
                       std::pow(std::max(1.0, policy_.multiplier), std::max(0, failed_attempts - 1));
  const auto ceiling = static_cast<std::int64_t>(std::min(grown, static_cast<double>(policy_.max_backoff.count())));
  milliseconds wait{std::uniform_int_distribution<std::int64_t>(0, std::max<std::int64_t>(0, ceiling))(random_)};
  if (retry_after) wait = std::max(wait, std::chrono::duration_cast<milliseconds>(*retry_after));
  if (wait >= time_left) return std::nullopt;
  return wait;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) noexcept {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(std::min<std::int64_t>(seconds, 24 * 3600));
}

}  // namespace nes::net
