#pragma once
// When a certificate may be renewed: from three calendar months before it
// expires (shared/flow.md, "Validity and renewal") until it does.

#include <cstdint>

namespace nes::portal::issuance {

/// The start of the renewal window of a certificate ending at `not_after_ms`
/// (milliseconds since the epoch): the same day and time three months
/// earlier, or the month's last day when that day does not exist.
std::int64_t renewal_from_ms(std::int64_t not_after_ms);

}  // namespace nes::portal::issuance
