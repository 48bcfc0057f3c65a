#pragma once
// The caller's log sink behind a level check, so that nothing is formatted
// for a line nobody reads. Lines reaching it are already redacted
// (net/redact.hpp).

#include <nes/client_options.hpp>

#include <string_view>
#include <utility>

namespace nes::net {

class Logger {
 public:
  Logger() = default;
  Logger(LogSink sink, LogLevel level) : sink_(std::move(sink)), level_(level) {}

  [[nodiscard]] bool enabled(LogLevel level) const noexcept {
    return sink_ && static_cast<int>(level) <= static_cast<int>(level_);
  }
  void write(LogLevel level, std::string_view line) const {
    if (enabled(level)) sink_(level, line);
  }
  /// `make()` builds the line only when the level is on.
  template <class Make>
  void write_lazily(LogLevel level, Make make) const {
    if (enabled(level)) sink_(level, make());
  }

 private:
  LogSink sink_;
  LogLevel level_ = LogLevel::info;
};

}  // namespace nes::net
