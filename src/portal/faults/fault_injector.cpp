#include "portal/faults/fault_injector.hpp"

namespace nes::portal::faults {

FaultInjector::FaultInjector(const FaultOptions& options)
    : options_(options), random_(options.seed != 0 ? options.seed : std::random_device{}()) {}

bool FaultInjector::draw(double rate) {
  return rate > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(random_) < rate;
}

http::Fault FaultInjector::decide(std::string_view target) {
  http::Fault fault;
  if (!target.starts_with("/api/")) return fault;
  const std::lock_guard lock(mutex_);
  if (draw(options_.latency_rate)) fault.latency = std::chrono::milliseconds(options_.latency_ms);
  if (draw(options_.unavailable_rate)) {
    fault.kind = http::Fault::Kind::unavailable;
    fault.retry_after_seconds = options_.retry_after_seconds;
  } else if (draw(options_.reset_rate)) {
    // Half before, half after handling: a client cannot tell them apart,
    // and only an idempotent retry is safe for both.
    fault.kind = draw(0.5) ? http::Fault::Kind::reset_after : http::Fault::Kind::reset_before;
  }
  return fault;
}

bool FaultInjector::reject_csrf() {
  const std::lock_guard lock(mutex_);
  return draw(options_.csrf_reject_rate);
}

}  // namespace nes::portal::faults
