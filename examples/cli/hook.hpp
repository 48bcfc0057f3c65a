#pragma once
// A user's command run on an event (nes renew --check --hook), with the
// event's details in its environment, its output the program's own.

#include <string>
#include <vector>

namespace nes::cli {

/// This process's environment with `extra` ("NAME=value") in front, so that
/// they win over inherited ones of the same name.
std::vector<std::string> environment_with(const std::vector<std::string>& extra);

/// Runs `command` with /bin/sh -c, `extra` added to its environment and
/// standard input closed; its exit status (127 when it cannot run, 128+N
/// when signal N ended it).
int run_hook(const std::string& command, const std::vector<std::string>& extra);

}  // namespace nes::cli
