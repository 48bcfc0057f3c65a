#include "log_option.hpp"

#include <array>
#include <iostream>
#include <mutex>

namespace nes::cli {

namespace {

std::optional<LogLevel> chosen;

std::optional<LogLevel> level_named(std::string_view name) {
  constexpr std::array levels{LogLevel::error, LogLevel::warning, LogLevel::info, LogLevel::debug, LogLevel::trace};
  for (const auto level : levels) {
    if (to_string(level) == name) return level;
  }
  return std::nullopt;
}

}  // namespace

bool take_log_options(std::vector<std::string>& args, std::string& bad) {
  for (std::size_t i = 0; i < args.size();) {
    std::size_t taken = 0;
    std::string value;
    if (args[i] == "--verbose" || args[i] == "-v") {
      chosen = LogLevel::debug;
      taken = 1;
    } else if (args[i] == "--log-level" && i + 1 < args.size()) {
      value = args[i + 1];
      taken = 2;
    } else if (args[i].rfind("--log-level=", 0) == 0) {
      value = args[i].substr(12);
      taken = 1;
    } else if (args[i] == "--log-level") {
      bad = "--log-level";
      return false;
    }
    if (taken == 0) {
      ++i;
      continue;
    }
    if (!value.empty() || taken == 2) {
      chosen = level_named(value);
      if (!chosen) {
        bad = value;
        return false;
      }
    }
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + taken));
  }
  return true;
}

void apply_log_options(ClientOptions& options) {
  if (!chosen) return;
  options.log_level = *chosen;
  options.log = [](LogLevel level, std::string_view line) {
    static std::mutex one_line_at_a_time;
    const std::lock_guard lock(one_line_at_a_time);
    std::cerr << "nes [" << to_string(level) << "] " << line << "\n";
  };
}

}  // namespace nes::cli
