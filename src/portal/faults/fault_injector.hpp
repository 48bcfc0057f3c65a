#pragma once
// Pebble-style fault injection: each request to the portal's /api/ paths
// draws from a seeded generator whether to add latency, reset the
// connection, answer 503, or reject a right CSRF token. Off when every rate
// is 0.

#include "portal/http/fault.hpp"

#include <nes/portal/reference_portal.hpp>

#include <mutex>
#include <random>
#include <string_view>

namespace nes::portal::faults {

class FaultInjector {
 public:
  explicit FaultInjector(const FaultOptions& options);

  /// The fault for one request; none outside /api/.
  http::Fault decide(std::string_view target);
  /// Whether to reject this request's (right) CSRF token.
  bool reject_csrf();

 private:
  bool draw(double rate);  // with mutex_ held

  FaultOptions options_;
  std::mutex mutex_;
  std::mt19937_64 random_;
};

}  // namespace nes::portal::faults
