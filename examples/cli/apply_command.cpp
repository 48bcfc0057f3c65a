#include "apply_command.hpp"

#include "apply_flow.hpp"
#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "input_file.hpp"
#include "journal_command.hpp"
#include "labels.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "wizard.hpp"

#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>
#include <nes/tckn.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string apply_usage() {
  return std::string(
      say("Kullanım: nes apply --portal URL [SEÇENEKLER]                              (etkileşimli sihirbaz)\n"
          "          nes apply --form DOSYA --portal URL --approve pkcs11|wet [SEÇENEKLER]\n"
          "Formla (belgelenen JSON; kurumun duyuruları okunmuş sayılır) NES başvurusu yapar: e-Devlet girişinden\n"
          "onaya kadar her adım günlüğe yazılır. Kesilirse aynı komutu ya da nes resume'u çalıştırın: kaldığı yerden\n"
          "sürer, iki kez başvurmaz. Form, ağa çıkmadan önce denetlenir.\n"
          "Gizli bilgiler komut satırından alınmaz: şifre --password-file, $NES_PASSWORD ya da terminalden; PIN\n"
          "--pin-file, $NES_PIN ya da terminalden; SMS kodu --otp-command ya da terminalden.\n"
          "Çıkış durumu: 0 onaylandı, 1 reddedildi (düzeltilecek bir şey ya da kesin ret), 2 kullanım hatası ya da\n"
          "okunamayan girdi, 3 geçici sorun (portal ya da ağ yanıt vermiyor, bekleme istendi).\n",
          "Usage: nes apply --portal URL [OPTIONS]                              (the interactive wizard)\n"
          "       nes apply --form FILE --portal URL --approve pkcs11|wet [OPTIONS]\n"
          "Applies for a NES with the form (the documented JSON; its notices are taken as acknowledged), from the\n"
          "e-Devlet login to the approval, recording every step in the journal. After an interruption run the same\n"
          "command again, or nes resume: it continues where it stood and never applies twice. The form is checked\n"
          "before anything goes to the network.\n"
          "Secrets never come from the command line: the password from --password-file, $NES_PASSWORD or the\n"
          "terminal; the PIN from --pin-file, $NES_PIN or the terminal; the SMS code from --otp-command or the\n"
          "terminal.\n"
          "Exit status: 0 approved, 1 refused (something to correct, or a final no), 2 usage error or unreadable\n"
          "input, 3 transient (the portal or the network not answering, a wait asked for).\n"));
}

std::string resume_usage() {
  return std::string(
      say("Kullanım: nes resume [--id KAYIT]... [--tckn T.C.KİMLİK.NO]... [SEÇENEKLER]\n"
          "Günlükteki tamamlanmamış başvuruları kaldıkları yerden sürdürür (varsayılan: hepsi). Portal, form ve onay\n"
          "yolu günlükten gelir. Her kişinin şifresi ayrı alınır: --password-dir KLASÖR (T.C. Kimlik No adlı birer\n"
          "dosya) ya da terminalde kişi kişi; --password-file ve $NES_PASSWORD yalnız tek kişi seçildiğinde.\n"
          "Şifresi reddedilen kişi için başka deneme yapılmaz; çok fazla deneme (rate_limited) olursa durulur ve ne\n"
          "zaman yeniden denenebileceği söylenir. Terminalde, portalın reddettiği alan yeniden sorulur.\n"
          "Çıkış durumu: 0 hepsi tamam, 1 biri reddedildi, 2 kullanım hatası, 3 yalnız geçici sorunlar.\n",
          "Usage: nes resume [--id ENTRY]... [--tckn TCKN]... [OPTIONS]\n"
          "Continues the journal's unfinished applications where they stood (all by default). The portal, the\n"
          "form and the approval route come from the journal. Each person's password is taken separately:\n"
          "--password-dir DIR (a file named by each T.C. Kimlik No) or the terminal, person by person;\n"
          "--password-file and $NES_PASSWORD only when one person is chosen.\n"
          "A person whose password is refused is not tried again; after too many attempts (rate_limited) it\n"
          "stops and says when to try again. On a terminal, a field the portal refused is asked again.\n"
          "Exit status: 0 all finished, 1 one was refused, 2 usage error, 3 only transient failures.\n"));
}

}  // namespace

int check_form_file(const std::string& form_file, std::optional<ApplicationForm>& form, bool json,
                    const std::string& command) {
  std::string error;
  auto content = read_input_file(form_file, error);
  if (!content) return usage_error(command, "form okunamıyor", "the form cannot be read", json, form_file);
  auto decoded = decode_form_json(content->reveal());
  if (!decoded.form) {
    return usage_error(command, "form belgelenen JSON değil (nes validate nedenini gösterir)",
                       "the form is not the documented JSON (nes validate shows why)", json, form_file);
  }
  auto checked = validate_form(*decoded.form, nullptr);
  FieldErrors problems = decoded.errors;
  problems.insert(problems.end(), checked.errors.begin(), checked.errors.end());
  if (problems.empty()) {
    form = std::move(decoded.form);
    return exit_ok;
  }
  Problem local;
  local.code = "invalid_form";
  local.errors = std::move(problems);
  ApplyResult refused;
  refused.ec = errc::validation_failed;
  refused.problem = local;
  refused.error = describe(refused.ec, &local, ui_language());
  if (json) {
    std::cout << boost::json::serialize(result_json(refused)) << "\n";
  } else {
    std::cout << "nes " << command << ": " << form_file << ": " << refused.error << "\n"
              << say("  Hiçbir şey gönderilmedi ve günlüğe yazılmadı.\n",
                     "  Nothing was sent, and nothing written to the journal.\n");
  }
  return exit_failed;
}

int run_apply(const std::vector<std::string>& args) {
  ApplyOptions options;
  std::string form_file;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()("form", po::value(&form_file),
                  std::string(say("başvuru formu (JSON); verilmezse sihirbaz",
                                  "the application form (JSON); "
                                  "without it, the wizard"))
                      .c_str());
  add_apply_options(d, options);
  add_esign_login_option(d, options);
  bool help = false;
  if (!parse_command_line(args, d, apply_usage(), "apply", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "apply", true)) return exit_usage;
  if (form_file.empty()) {
    if (options.esign_login) {
      return usage_error("apply", "--esign-login --form ile verilir (sihirbaz şifreyle giriş yapar)",
                         "--esign-login goes with --form (the wizard logs in with the password)", options.json);
    }
    if (isatty(STDIN_FILENO) == 0) {
      return usage_error("apply", "--form gerekli (sihirbaz bir terminal ister)",
                         "--form is required (the wizard needs a terminal)", options.json);
    }
    return run_wizard(options);
  }
  if (options.approve.empty()) {
    return usage_error("apply", "--approve pkcs11, wet ya da e-onay gerekli",
                       "--approve pkcs11, wet or e-onay is required", options.json);
  }
  std::optional<ApplicationForm> form;
  if (const int checked = check_form_file(form_file, form, options.json, "apply"); checked != exit_ok) return checked;
  auto journal = open_journal(options, "apply");
  if (!journal) return exit_failed;
  const auto result = apply_form(journal, *form, options);
  report_result(result, options.json);
  return result_status(result);
}

namespace {

struct Selection {
  std::vector<std::int64_t> ids;
  std::vector<std::string> tckns;

  [[nodiscard]] bool takes(const JournalEntry& e) const {
    const bool by_id = ids.empty() || std::find(ids.begin(), ids.end(), e.id) != ids.end();
    const bool by_person = tckns.empty() || std::find(tckns.begin(), tckns.end(), e.tckn) != tckns.end();
    return by_id && by_person;
  }
};

}  // namespace

int run_resume(const std::vector<std::string>& args) {
  ApplyOptions options;
  Selection selection;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()(
      "id", po::value(&selection.ids)->composing(),
      std::string(say("yalnız bu kayıt (birden çok verilebilir)", "only this entry (may be repeated)")).c_str())(
      "tckn", po::value(&selection.tckns)->composing(),
      std::string(say("yalnız bu kişinin kayıtları (birden çok verilebilir)",
                      "only this person's entries (may be "
                      "repeated)"))
          .c_str());
  add_apply_options(d, options);
  add_esign_login_option(d, options);
  bool help = false;
  if (!parse_command_line(args, d, resume_usage(), "resume", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "resume", false)) return exit_usage;
  for (const auto& t : selection.tckns) {
    if (!Tckn::is_valid(t)) {
      return usage_error("resume", "--tckn geçerli bir T.C. Kimlik No değil", "--tckn is not a valid T.C. Kimlik No",
                         options.json);
    }
  }
  auto journal = open_journal(options, "resume");
  if (!journal) return exit_failed;
  error_code ec;
  auto unfinished = journal->entries(true, ec);
  if (ec) {
    std::cerr << "nes resume: " << say(message_of(errc::journal_failed)) << "\n";
    return exit_failed;
  }
  std::erase_if(unfinished, [&](const JournalEntry& e) { return !selection.takes(e); });
  std::set<std::string> people;
  for (const auto& e : unfinished) people.insert(e.tckn);
  if (const auto misuse = password_misuse(options, people.size())) {
    return usage_error("resume", misuse->tr, misuse->en, options.json);
  }
  std::ostream& say_out = options.json ? std::cerr : std::cout;
  if (unfinished.empty()) say_out << "nes: " << say("sürdürülecek başvuru yok\n", "nothing to resume\n");
  const auto given = std::make_shared<SecretsGiven>();
  const bool on_terminal = isatty(STDIN_FILENO) != 0 && !options.json;
  std::set<std::string> refused_people;
  bool refused = false;
  bool transient = false;
  for (auto& entry : unfinished) {
    if (refused_people.count(entry.tckn) != 0U) {
      say_out << "nes: " << say("kayıt ", "entry ") << entry.id << " (" << masked_tckn(entry.tckn) << ")"
              << say(": bu kişinin şifresi reddedildi; denenmedi\n",
                     ": this person's password was refused; not tried\n");
      refused = true;
      continue;
    }
    say_out << "nes: " << say("kayıt ", "entry ") << entry.id << " (" << masked_tckn(entry.tckn) << ", "
            << entry.institution_id << ", " << say(step_label(entry.step)) << ")\n";
    auto result = continue_application(journal, entry, options, given);
    const Problem* problem = result.problem ? &*result.problem : nullptr;
    if (!result.finished && problem != nullptr && on_terminal && result.entry.step == JournalStep::started) {
      // A field the portal refused is asked again, and the run goes on once.
      if (auto fields = refused_fields(*problem); !fields.empty()) {
        report_result(result, options.json);
        JournalEntry amended = result.entry;
        if (ask_again(*journal, amended, fields)) {
          result = continue_application(journal, amended, options, given);
          problem = result.problem ? &*result.problem : nullptr;
        }
      }
    }
    report_result(result, options.json);
    if (result.finished) continue;
    if (result_status(result) == exit_transient) {
      transient = true;
    } else {
      refused = true;
    }
    if (problem != nullptr && problem->is("invalid_credentials")) refused_people.insert(entry.tckn);
    if (problem != nullptr && problem->is("rate_limited")) {
      say_out << "nes: "
              << say("portal çok fazla deneme dedi: kalan kayıtlar denenmedi.",
                     "the portal said too many attempts: the remaining entries were not tried.")
              << "\n";
      break;
    }
  }
  if (refused) return exit_failed;
  return transient ? exit_transient : exit_ok;
}

}  // namespace nes::cli
