#pragma once
// nes apply: one application from a form to its approval, recorded in the
// journal; nes resume: every unfinished application of the journal;
// nes status: the journal's applications, whose they are and, with --live,
// what the portal says of them now (status_command.cpp).

#include <string>
#include <vector>

namespace nes::cli {

int run_apply(const std::vector<std::string>& args);
int run_resume(const std::vector<std::string>& args);
int run_status(const std::vector<std::string>& args);

}  // namespace nes::cli
