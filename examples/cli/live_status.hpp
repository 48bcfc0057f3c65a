#pragma once
// The portal's own word on the journal's applications: each person's
// Başvurularım, read after a login (one per person and portal).

#include "apply_flow.hpp"

#include <map>
#include <string>
#include <vector>

namespace nes::cli {

/// Application id → status as the portal reports it now. Each person logs
/// in with their own password (password_file_for); a person whose login
/// fails is left out, with the reason in `problems`, and after rate_limited
/// no one else is tried.
std::map<std::string, ApplicationStatus> live_statuses(const std::vector<JournalEntry>& entries,
                                                       const ApplyOptions& options, std::vector<std::string>& problems);

}  // namespace nes::cli
