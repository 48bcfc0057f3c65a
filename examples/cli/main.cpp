// nes: apply for a Nitelikli Elektronik Sertifika from the command line.
// Subcommands live in their own files; this one only dispatches.

#include "apply_command.hpp"
#include "card_command.hpp"
#include "prefill_command.hpp"
#include "token_command.hpp"
#include "validate_command.hpp"

#include <nes/version.hpp>

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

const char* const usage =
    "Usage: nes COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  apply      apply for a NES: login, form, SMS code, approval (recorded in the journal)\n"
    "  resume     continue the journal's unfinished applications\n"
    "  status     list the journal's applications\n"
    "  prefill    turn an HR export (CSV) into validated draft forms and a report\n"
    "  validate   check application forms (JSON) and print every problem\n"
    "  card       list the card readers and their cards (AKİS cards recognised)\n"
    "  token      list the e-imza tokens, their PIN status and their certificates' expiry\n"
    "\n"
    "nes COMMAND --help shows a command's options; nes --version the version.\n";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << usage;
    return nes::cli::exit_unreadable;
  }
  const std::string_view command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "validate") return nes::cli::run_validate(rest);
  if (command == "apply") return nes::cli::run_apply(rest);
  if (command == "resume") return nes::cli::run_resume(rest);
  if (command == "status") return nes::cli::run_status(rest);
  if (command == "prefill") return nes::cli::run_prefill(rest);
  if (command == "card") return nes::cli::run_card(rest);
  if (command == "token") return nes::cli::run_token(rest);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << usage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "nes " << nes::version_string << "\n";
    return 0;
  }
  std::cerr << "nes: unknown command '" << command << "'\n" << usage;
  return nes::cli::exit_unreadable;
}
