#pragma once
// Exit statuses of the nes program, as documented in docs/cli.md: a usage
// error, a refusal (something to correct, or a final no) and a transient
// failure (the portal or the network down, a wait asked for) are told apart
// so that a batch script knows whether to try again later.

#include <nes/messages.hpp>

namespace nes::cli {

enum CommandStatus : int { exit_ok = 0, exit_failed = 1, exit_usage = 2, exit_transient = 3 };

/// exit_transient for a failure that may pass (Recovery::wait, transient),
/// else exit_failed.
inline int exit_status_for(const error_code& ec, const Problem* problem) {
  const auto r = recovery_of(ec, problem);
  return r == Recovery::wait || r == Recovery::transient ? exit_transient : exit_failed;
}

}  // namespace nes::cli
