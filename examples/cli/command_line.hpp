#pragma once
// What every subcommand does with its command line: the options parsed with
// Boost.Program_options, --help in the interface's language, and a usage
// error said once, on standard error, or as JSON on standard output under
// --json (so that a script reading JSON gets errors as JSON too).

#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace nes::cli {

/// Parses `args` into `options`. False after saying why (exit_usage);
/// `help` true after printing the usage (exit_ok).
bool parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options, std::string_view usage,
                        const std::string& command, bool& help);

/// Says a usage error of `command` and returns exit_usage.
int usage_error(const std::string& command, std::string_view tr, std::string_view en, bool json,
                const std::string& detail = {});

/// Says what is wrong with the command line, in the interface's language
/// (Boost's own texts are English); returns exit_usage.
int option_error(const std::string& command, const boost::program_options::error& e, bool json);

/// True when `args` hold --json (before the options are parsed).
bool wants_json(const std::vector<std::string>& args);

}  // namespace nes::cli
