#pragma once
// The options every command takes, wherever they stand on the command line:
// --lang tr|en, --verbose and --log-level LEVEL. They are taken out before
// the command parses its own.

#include <string>
#include <vector>

namespace nes::cli {

/// Takes them out of `args` and applies them ($NES_LANG first, --lang over
/// it). False, with `bad` naming the value, for an unknown language or level
/// or an option without its value.
bool take_global_options(std::vector<std::string>& args, std::string& bad);

}  // namespace nes::cli
