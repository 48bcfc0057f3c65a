#pragma once
// nes apply: one application from a form to its approval, recorded in the
// journal; nes resume: every unfinished application of the journal;
// nes status: the journal's applications, whose they are and, with --live,
// what the portal says of them now (status_command.cpp).

#include <nes/application_form.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nes::cli {

/// The form in `form_file`, decoded and checked before anything is written
/// or sent: exit_ok with `form` set, or the exit status after saying why as
/// "nes COMMAND: …".
int check_form_file(const std::string& form_file, std::optional<ApplicationForm>& form, bool json,
                    const std::string& command);

int run_apply(const std::vector<std::string>& args);
int run_resume(const std::vector<std::string>& args);
int run_status(const std::vector<std::string>& args);

}  // namespace nes::cli
