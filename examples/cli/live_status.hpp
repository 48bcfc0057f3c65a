#pragma once
// The portal's own word on the journal's applications: each person's
// Başvurularım, read after a login (one per person and portal).

#include "apply_flow.hpp"

#include <map>
#include <string>
#include <vector>

namespace nes::cli {

/// Application id → status as the portal reports it now. A person whose
/// login fails is left out, with the reason in `problems`.
std::map<std::string, std::string> live_statuses(const std::vector<JournalEntry>& entries, const ApplyOptions& options,
                                                 std::vector<std::string>& problems);

}  // namespace nes::cli
