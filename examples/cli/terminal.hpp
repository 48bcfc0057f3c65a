#pragma once
// The person at the terminal (/dev/tty): lines with or without echo, and a
// line typed under a live countdown (the SMS code's seconds left).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace nes::cli {

/// Reads a line typed under a prompt that is redrawn every second with what
/// `prompt` says then (the seconds left). nullopt when the terminal closes.
std::optional<std::string> read_with_countdown(const std::function<std::string()>& prompt);

}  // namespace nes::cli
