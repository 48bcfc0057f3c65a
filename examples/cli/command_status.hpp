#pragma once
// Exit statuses of the commands that talk to devices and services (card,
// token), as documented in docs/cli.md.

namespace nes::cli {

enum CommandStatus : int { exit_ok = 0, exit_failed = 1, exit_usage = 2 };

}  // namespace nes::cli
