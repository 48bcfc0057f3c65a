#pragma once
// Wall-clock time as the portal stores it (milliseconds since the epoch, so
// that deadlines survive a restart) and shows it (RFC 3339, UTC).

#include <cstdint>
#include <string>

namespace nes::portal {

std::int64_t now_ms();

/// "2026-11-24T15:30:00Z"; whole seconds, rounded down.
std::string format_utc(std::int64_t epoch_ms);

}  // namespace nes::portal
