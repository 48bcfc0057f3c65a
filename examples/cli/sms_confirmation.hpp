#pragma once
// The SMS code that confirms a request about a certificate (a change, the
// PUK's release): from --otp-command, run once, or typed at the terminal and
// typed again after a typo while the code takes tries. Never resent.

#include "portal_call.hpp"

#include <nes/secret.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/program_options/options_description.hpp>

#include <optional>
#include <string>
#include <utility>

namespace nes::cli {

/// --serial (the certificate's) and --otp-command, of a request about a certificate.
void add_certificate_request_options(boost::program_options::options_description& d, std::string& serial,
                                     std::string& otp_command);

/// The code for confirmation `id`, sent to `phone_masked`: from
/// `otp_command` (with NES_CONFIRMATION_ID and NES_PHONE_MASKED in its
/// environment) or typed; nullopt after saying why.
std::optional<SecretString> sms_code_for(const std::string& id, const std::string& phone_masked,
                                         const std::string& otp_command);

/// Says that the code is wrong and how many tries it takes still.
void say_code_wrong(int tries_left);

/// `confirm(code, handler)` run with the code until it is not a typo that
/// may be typed again; its last answer, or nullopt when no code came.
template <class T, class Confirm>
std::optional<std::pair<error_code, Result<T>>> confirm_with_code(boost::asio::io_context& io,
                                                                  const std::string& otp_command, const std::string& id,
                                                                  const std::string& phone_masked, Confirm confirm) {
  for (;;) {
    auto code = sms_code_for(id, phone_masked, otp_command);
    if (!code) return std::nullopt;
    auto answer = run_on<T>(io, [&confirm, &code](auto h) { confirm(std::move(*code), std::move(h)); });
    const Problem* problem = answer.second.problem();
    const bool retype =
        otp_command.empty() && problem != nullptr && problem->is("otp_invalid") && problem->tries_left.value_or(0) > 0;
    if (!retype) return answer;
    say_code_wrong(*problem->tries_left);
  }
}

}  // namespace nes::cli
