#pragma once
// Where the nes program gets secrets: never from the command line. A file
// (its first line), an environment variable, or the terminal without echo.

#include <nes/secret.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nes::cli {

/// The first line of `file` when given, else $`variable` when set (and
/// `variable` not null), else a prompt on the terminal with echo off (nullopt when there is no terminal
/// or the person ends the input). `error` says why when nullopt.
std::optional<SecretString> read_secret(const std::string& file, const char* variable, const std::string& prompt,
                                        std::string& error);

/// A line typed on the terminal, shown as typed; nullopt without a terminal.
std::optional<std::string> read_terminal_line(const std::string& prompt);

/// The first line the shell command `command` prints, with `environment`
/// added ("NAME=value" entries); nullopt with `error` when it fails.
std::optional<SecretString> run_for_line(const std::string& command, const std::vector<std::string>& environment,
                                         std::string& error);

}  // namespace nes::cli
