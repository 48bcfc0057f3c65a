#pragma once
// --verbose and --log-level LEVEL: the SDK's own log (redacted before it
// leaves the SDK: no password, code, PIN, cookie or token, the T.C. Kimlik
// No masked) on standard error, for support and for scripts' logs.

#include <nes/client_options.hpp>

#include <string_view>

namespace nes::cli {

/// Logs from the level named (error, warning, info, debug, trace) up; false
/// for another name.
bool set_log_level(std::string_view name);

/// Gives `options` the log the command line asked for; none by default.
void apply_log_options(ClientOptions& options);

}  // namespace nes::cli
