#pragma once
// Fixed-window rate limits by key ("login:tckn:…", "sms:addr:…"): at most
// `limit` events per window. Thread-safe; memory is bounded by forgetting
// windows that have ended.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nes::portal::limits {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(std::chrono::seconds window) : window_(window) {}

  /// Counts one event for `key`. Zero when it is allowed; otherwise the
  /// seconds until the window ends (at least 1), and the event is not counted.
  /// A limit of 0 means unlimited.
  std::int64_t acquire(const std::string& key, int limit);

 private:
  struct Window {
    Clock::time_point start;
    int count = 0;
  };

  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  Clock::time_point last_sweep_{};
};

}  // namespace nes::portal::limits
