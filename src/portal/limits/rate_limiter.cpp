#include "portal/limits/rate_limiter.hpp"

#include <algorithm>

namespace nes::portal::limits {

std::int64_t RateLimiter::acquire(const std::string& key, int limit) {
  if (limit <= 0) return 0;
  const auto now = Clock::now();
  const std::lock_guard lock(mutex_);
  if (now - last_sweep_ >= window_) {
    std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= window_; });
    last_sweep_ = now;
  }
  auto& w = windows_[key];
  if (w.count == 0 || now - w.start >= window_) w = Window{now, 0};
  if (w.count >= limit) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(w.start + window_ - now).count();
    return std::max<std::int64_t>(1, left);
  }
  ++w.count;
  return 0;
}

}  // namespace nes::portal::limits
