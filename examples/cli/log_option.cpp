#include "log_option.hpp"

#include <array>
#include <iostream>
#include <mutex>
#include <optional>

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

bool set_log_level(std::string_view name) {
  chosen = level_named(name);
  return chosen.has_value();
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
