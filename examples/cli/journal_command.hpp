#pragma once
// nes journal show | edit | forget: one entry of the journal shown (the
// form, with the T.C. Kimlik No masked), a field the portal refused
// corrected, or an entry the portal holds nothing of dropped. So that an
// entry is never stuck for good.

#include <nes/journal.hpp>
#include <nes/problem.hpp>

#include <string>
#include <vector>

namespace nes::cli {

int run_journal(const std::vector<std::string>& args);

/// The fields a refusal names (its field errors; the mobile phone for
/// phone_not_registered) that `journal edit` can change.
std::vector<std::string> refused_fields(const Problem& problem);

/// On a terminal: asks for each of `fields` until the SDK's validators take
/// it, and amends the entry's form. False when nothing was changed.
bool ask_again(Journal& journal, JournalEntry& entry, const std::vector<std::string>& fields);

}  // namespace nes::cli
