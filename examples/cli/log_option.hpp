#pragma once
// --verbose and --log-level LEVEL: the SDK's own log (redacted before it
// leaves the SDK: no password, code, PIN, cookie or token, the T.C. Kimlik
// No masked) on standard error, for support and for scripts' logs.

#include <nes/client_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nes::cli {

/// Takes --verbose (debug) and --log-level error|warning|info|debug|trace
/// (or --log-level=…) out of `args`, anywhere in them. False, with `bad`
/// set, for an unknown level.
bool take_log_options(std::vector<std::string>& args, std::string& bad);

/// Gives `options` the log the command line asked for; none by default.
void apply_log_options(ClientOptions& options);

}  // namespace nes::cli
