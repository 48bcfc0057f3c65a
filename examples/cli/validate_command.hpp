#pragma once
// nes validate [--json] [--catalogue FILE] FORM.json...

#include <string>
#include <vector>

namespace nes::cli {

/// Exit statuses of `nes validate`, as documented in docs/cli.md.
enum ExitStatus : int { exit_valid = 0, exit_invalid = 1, exit_unreadable = 2 };

int run_validate(const std::vector<std::string>& args);

}  // namespace nes::cli
