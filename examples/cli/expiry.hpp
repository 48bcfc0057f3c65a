#pragma once
// Certificate dates as the program prints them, and the expiry warning that
// nes token list and nes certificates give within 90 days, as ACME clients
// warn about theirs.

#include <chrono>
#include <string>

namespace nes::cli {

/// "04.12.2029 10:30 UTC".
std::string utc_date(std::chrono::system_clock::time_point t);

/// "1095 gün kaldı" / "süresi doldu, 3 gün önce", in the interface's language.
std::string days_left_text(std::chrono::days days);

/// The warning line for a certificate with `days` left, empty outside
/// expiry_warning_period (and once expired).
std::string expiry_warning(std::chrono::days days);

}  // namespace nes::cli
