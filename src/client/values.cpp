// The small value types of the client API.

#include <nes/application_info.hpp>
#include <nes/client.hpp>

#include <algorithm>

namespace nes {

namespace {

std::chrono::seconds whole_seconds_until(OtpStatus::SteadyClock::time_point then,
                                         OtpStatus::SteadyClock::time_point now) noexcept {
  if (now >= then) return std::chrono::seconds(0);
  // Rounded up: "1 s left" until the very end, never "0 s" too early.
  return std::chrono::ceil<std::chrono::seconds>(then - now);
}

}  // namespace

std::chrono::seconds OtpStatus::seconds_left(SteadyClock::time_point now) const noexcept {
  return whole_seconds_until(deadline, now);
}

std::chrono::seconds OtpStatus::resend_wait(SteadyClock::time_point now) const noexcept {
  return whole_seconds_until(resend_allowed_at, now);
}

std::optional<Fee> FeeTable::fee_for(int validity_years, bool card_reader) const noexcept {
  const auto found = std::find_if(entries.begin(), entries.end(), [&](const FeeTableEntry& e) {
    return e.validity_years == validity_years && e.card_reader == card_reader;
  });
  if (found == entries.end()) return std::nullopt;
  return found->fee;
}

}  // namespace nes
