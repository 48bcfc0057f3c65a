#include "apply_command.hpp"

#include "apply_flow.hpp"
#include "command_status.hpp"
#include "input_file.hpp"
#include "live_status.hpp"
#include "wizard.hpp"

#include <nes/form_json.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <ctime>
#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

const char* const apply_usage =
    "Usage: nes apply --portal URL [--lang tr|en] [OPTIONS]          (the interactive wizard)\n"
    "       nes apply --form FILE --portal URL --approve pkcs11|wet [OPTIONS]\n"
    "Applies for a NES with the form (the documented JSON; its notices are taken as acknowledged),\n"
    "from the e-Devlet login to the approval, recording every step in the journal. Run again after\n"
    "an interruption, or run nes resume: it continues where it stood and never applies twice.\n"
    "Secrets never come from the command line: the password from --password-file, $NES_PASSWORD or\n"
    "the terminal; the PIN from --pin-file, $NES_PIN or the terminal; the SMS code from\n"
    "--otp-command (it gets $NES_APPLICATION_ID and $NES_PHONE_MASKED) or the terminal.\n"
    "Exit status: 0 approved, 1 refused or failed (the journal keeps it), 2 usage or unreadable input.\n";

void add_common(po::options_description& d, ApplyOptions& o) {
  d.add_options()("portal", po::value(&o.portal), "the portal, https://host:port")(
      "approve", po::value(&o.approve), "pkcs11 (e-imza with a token) or wet (a PDF to sign by hand)")(
      "ca-file", po::value(&o.ca_file), "a CA (PEM) to trust for the portal's certificate")(
      "journal", po::value(&o.journal), "the journal (default: $NES_JOURNAL, else ~/.local/share/nes/journal.db)")(
      "password-file", po::value(&o.password_file), "the e-Devlet password, first line")(
      "otp-command", po::value(&o.otp_command), "a shell command that prints the SMS code")(
      "module", po::value(&o.module), "pkcs11: the PKCS#11 module")(
      "token-label", po::value(&o.token_label), "pkcs11: the token's label")("token-serial", po::value(&o.token_serial),
                                                                             "pkcs11: the token's serial")(
      "certificate-id", po::value(&o.certificate_id), "pkcs11: the certificate's CKA_ID (hex)")(
      "pin-file", po::value(&o.pin_file), "pkcs11: the PIN, first line")(
      "pdf", po::value(&o.pdf), "wet: where the form goes")("font", po::value(&o.font), "wet: a TrueType font")(
      "save-document", po::value(&o.save_document), "pkcs11: write the exact bytes signed")(
      "save-signature", po::value(&o.save_signature), "pkcs11: write the signature (CMS, DER)")(
      "json", po::bool_switch(&o.json), "print the result as JSON")("help,h", "show this help");
}

bool parse(const std::vector<std::string>& args, po::options_description& d, const char* usage, bool& help,
           const std::string& command) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(d).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "nes " << command << ": " << e.what() << "\n" << usage << d;
    return false;
  }
  help = vm.count("help") != 0U;
  if (help) std::cout << usage << d;
  return true;
}

boost::json::object as_json(const ApplyResult& r) {
  boost::json::object o{{"journal_id", r.entry.id},
                        {"application_id", r.entry.application_id},
                        {"institution_id", r.entry.institution_id},
                        {"approval", r.entry.approval},
                        {"step", to_string(r.entry.step)},
                        {"status", r.entry.portal_status},
                        {"finished", r.finished}};
  if (!r.fee_total.empty()) o["fee_total"] = r.fee_total;
  if (!r.pdf.empty()) o["pdf"] = r.pdf;
  if (!r.postal_address.empty()) o["postal_address"] = r.postal_address;
  if (!r.error.empty()) o["error"] = r.error;
  return o;
}

void report(const ApplyResult& r, bool json) {
  if (json) {
    std::cout << boost::json::serialize(as_json(r)) << "\n";
    return;
  }
  if (r.finished) {
    std::cout << "nes: " << r.entry.application_id << " is " << r.entry.portal_status
              << (r.fee_total.empty() ? "" : "; Ödenecek Tutar " + r.fee_total) << "\n";
  } else {
    std::cout << "nes: not finished (" << to_string(r.entry.step) << "): " << r.error
              << "\n  the journal keeps it: run the same command again, or nes resume\n";
  }
}

bool usable(const ApplyOptions& o, const std::string& command, const char* usage) {
  if (o.approve != "pkcs11" && o.approve != "wet" && command == "apply") {
    std::cerr << "nes apply: --approve must be pkcs11 or wet\n" << usage;
    return false;
  }
  if (o.portal.empty() && command == "apply") {
    std::cerr << "nes apply: --portal is required\n" << usage;
    return false;
  }
  return true;
}

}  // namespace

int run_apply(const std::vector<std::string>& args) {
  ApplyOptions options;
  std::string form_file;
  std::string lang = "tr";
  po::options_description d("Options");
  d.add_options()("form", po::value(&form_file), "the application form (JSON); without it, the wizard")(
      "lang", po::value(&lang), "the wizard's language: tr (default) or en");
  add_common(d, options);
  bool help = false;
  if (!parse(args, d, apply_usage, help, "apply")) return exit_usage;
  if (help) return exit_ok;
  if (form_file.empty()) {
    if (options.portal.empty() || isatty(STDIN_FILENO) == 0) {
      std::cerr << "nes apply: --form is required (the wizard needs --portal and a terminal)\n" << apply_usage;
      return exit_usage;
    }
    return run_wizard(options, lang);
  }
  if (!usable(options, "apply", apply_usage)) return exit_usage;
  std::string error;
  auto content = read_input_file(form_file, error);
  if (!content) {
    std::cerr << "nes apply: " << error << "\n";
    return exit_usage;
  }
  auto decoded = decode_form_json(content->reveal());
  if (!decoded.form) {
    std::cerr << "nes apply: " << form_file << " is not a form (nes validate shows why)\n";
    return exit_usage;
  }
  auto journal = open_journal(options, "apply");
  if (!journal) return exit_failed;
  const auto result = apply_form(journal, *decoded.form, options);
  report(result, options.json);
  return result.finished ? exit_ok : exit_failed;
}

int run_resume(const std::vector<std::string>& args) {
  const char* usage =
      "Usage: nes resume [OPTIONS]\n"
      "Continues every unfinished application of the journal where it stood (same options as nes apply;\n"
      "the portal, form and approval route come from the journal; --approve only chooses the route of\n"
      "an application the wizard left before it was chosen).\n"
      "Exit status: 0 all finished, 1 one is not, 2 usage error.\n";
  ApplyOptions options;
  po::options_description d("Options");
  add_common(d, options);
  bool help = false;
  if (!parse(args, d, usage, help, "resume")) return exit_usage;
  if (help) return exit_ok;
  auto journal = open_journal(options, "resume");
  if (!journal) return exit_failed;
  error_code ec;
  const auto unfinished = journal->entries(true, ec);
  if (ec) {
    std::cerr << "nes resume: " << ec.message() << "\n";
    return exit_failed;
  }
  if (unfinished.empty() && !options.json) std::cout << "nes: nothing to resume\n";
  int status = exit_ok;
  for (const auto& entry : unfinished) {
    (options.json ? std::cerr : std::cout)
        << "nes: application " << entry.id << " (" << entry.institution_id << ", " << to_string(entry.step) << ")\n";
    const auto result = continue_application(journal, entry, options);
    report(result, options.json);
    if (!result.finished) status = exit_failed;
  }
  return status;
}

int run_status(const std::vector<std::string>& args) {
  const char* usage =
      "Usage: nes status [--journal FILE] [--live [--ca-file FILE] [--password-file FILE]] [--json]\n"
      "Lists the journal's applications: institution, the portal's number, the step reached and the\n"
      "last status the portal reported; with --live, the status the portal reports now (Başvurularım,\n"
      "after a login per person: the password from --password-file, $NES_PASSWORD or the terminal).\n";
  ApplyOptions options;
  bool live = false;
  po::options_description d("Options");
  d.add_options()("journal", po::value(&options.journal), "the journal")(
      "live", po::bool_switch(&live), "ask the portal for each application's status now")(
      "ca-file", po::value(&options.ca_file), "a CA (PEM) to trust for the portal's certificate")(
      "password-file", po::value(&options.password_file), "the e-Devlet password, first line")(
      "json", po::bool_switch(&options.json), "print JSON")("help,h", "show this help");
  bool help = false;
  if (!parse(args, d, usage, help, "status")) return exit_usage;
  if (help) return exit_ok;
  auto journal = open_journal(options, "status");
  if (!journal) return exit_failed;
  error_code ec;
  const auto all = journal->entries(false, ec);
  if (ec) {
    std::cerr << "nes status: " << ec.message() << "\n";
    return exit_failed;
  }
  std::vector<std::string> problems;
  const auto now = live ? live_statuses(all, options, problems) : std::map<std::string, std::string>{};
  for (const auto& p : problems) std::cerr << "nes status: " << p << "\n";
  boost::json::array list;
  for (const auto& e : all) {
    const auto live_status = now.find(e.application_id);
    if (options.json) {
      ApplyResult r;
      r.entry = e;
      r.finished = e.step == JournalStep::finished;
      auto o = as_json(r);
      o["note"] = e.note;
      if (live_status != now.end()) o["live_status"] = live_status->second;
      list.push_back(std::move(o));
      continue;
    }
    const std::time_t t = std::chrono::system_clock::to_time_t(e.updated_at);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", std::localtime(&t));
    std::cout << e.id << "  " << (e.application_id.empty() ? "(no number yet)" : e.application_id) << "  "
              << e.institution_id << "  " << e.approval << "  " << to_string(e.step)
              << (e.portal_status.empty() ? "" : " / " + e.portal_status) << "  " << when
              << (live_status != now.end() ? "  portal now: " + live_status->second : "")
              << (e.note.empty() ? "" : "  " + e.note) << "\n";
  }
  if (options.json) std::cout << boost::json::serialize(boost::json::object{{"applications", std::move(list)}}) << "\n";
  return problems.empty() ? exit_ok : exit_failed;
}

}  // namespace nes::cli
