#pragma once
// The options nes apply, nes resume and nes status share, their checks
// before anything is written or sent, and how one application's result is
// said: as text with what to do next, or as JSON.

#include "apply_flow.hpp"

#include <boost/json/object.hpp>
#include <boost/program_options/options_description.hpp>

#include <string>

namespace nes::cli {

/// --portal, --approve, --ca-file, the journal, the secrets' sources, the
/// token, the outputs, --json and --help.
void add_apply_options(boost::program_options::options_description& d, ApplyOptions& o);

/// The e-imza's options alone: the token, its PIN file, the time stamps and
/// the validation data (nes officer sign's).
/// --esign-login: nes apply, nes resume and nes renew log in with the card.
void add_esign_login_option(boost::program_options::options_description& d, ApplyOptions& o);

void add_signing_options(boost::program_options::options_description& d, ApplyOptions& o);

/// The usage errors a command must refuse before it writes a journal row
/// or connects: a portal that is not https://host[:port], a CA file that
/// cannot be read or holds no certificate, a secret file that cannot be
/// read, an unknown --approve. Says the first one (usage_error) and returns
/// false.
bool check_apply_options(const ApplyOptions& o, const std::string& command, bool portal_required);

/// The result as --json shows it; a refusal under "refusal".
boost::json::object result_json(const ApplyResult& r);

/// Says the result: the JSON object, or the text with the hint that fits
/// the failure (how long to wait, what to correct, or that trying again
/// changes nothing).
void report_result(const ApplyResult& r, bool json);

/// The exit status of one result.
int result_status(const ApplyResult& r);

}  // namespace nes::cli
