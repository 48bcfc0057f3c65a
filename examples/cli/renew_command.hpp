#pragma once
// nes renew --check: is a certificate's renewal due (Sertifika Yenileme, from
// three months before expiry)? An exit status for scripts, as ACME clients'
// renewal checks give, and a hook run for each certificate due.

#include <string>
#include <vector>

namespace nes::cli {

/// The exit status when no certificate's renewal is due yet.
inline constexpr int exit_renewal_not_due = 4;

int run_renew(const std::vector<std::string>& args);

}  // namespace nes::cli
