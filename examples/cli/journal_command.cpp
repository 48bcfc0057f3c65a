#include "journal_command.hpp"

#include "apply_flow.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "form_fields.hpp"
#include "labels.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "secret_input.hpp"

#include <nes/field_paths.hpp>
#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>
#include <nes/tckn.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <map>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

// The option name of a field: identity.mobile_phone → mobile-phone.
std::string option_of(std::string_view path) {
  std::string name(path.substr(path.find('.') + 1));
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string label_of(std::string_view path) {
  const auto label = field_label(path);
  return label ? std::string(say(*label)) : std::string(path);
}

const FieldError* problem_at(const FormValidation& checked, std::string_view path) {
  const auto found =
      std::find_if(checked.errors.begin(), checked.errors.end(), [&](const FieldError& e) { return e.field == path; });
  return found == checked.errors.end() ? nullptr : &*found;
}

std::string message_of_field(const FieldError& e) {
  return ui_language() == Language::tr ? e.message_tr : e.message_en;
}

int show(const JournalEntry& e, bool json) {
  auto decoded = decode_form_json(e.form_json.reveal());
  boost::json::object form;
  if (decoded.form) {
    auto encoded = encode_form_json(*decoded.form);
    form = boost::json::parse(encoded.reveal()).as_object();
    form["identity"].as_object()["tckn"] = masked_tckn(e.tckn);  // shown masked, as everywhere
    // The security word is a secret: only that there is one.
    auto& certificate = form["certificate"].as_object();
    if (certificate.contains("security_word")) certificate["security_word"] = "***";
  }
  if (json) {
    std::cout << boost::json::serialize(boost::json::object{{"journal_id", e.id},
                                                            {"tckn_masked", masked_tckn(e.tckn)},
                                                            {"portal", e.portal},
                                                            {"institution_id", e.institution_id},
                                                            {"approval", e.approval},
                                                            {"application_id", e.application_id},
                                                            {"step", to_string(e.step)},
                                                            {"status", e.portal_status},
                                                            {"note", e.note},
                                                            {"form", std::move(form)}})
              << "\n";
    return exit_ok;
  }
  std::cout << say("Kayıt ", "Entry ") << e.id << "  " << masked_tckn(e.tckn) << "  " << e.institution_id << "\n"
            << "  " << say("Portal: ", "Portal: ") << e.portal << "\n"
            << "  " << say("Başvuru No: ", "Application: ")
            << (e.application_id.empty() ? std::string(say("(henüz yok)", "(none yet)")) : e.application_id) << "\n"
            << "  " << say("Adım: ", "Step: ") << say(step_label(e.step)) << "\n";
  // The note is the SDK's record, in English, for support: in --json only.
  if (decoded.form) {
    for (const auto path : fields::all) {
      std::string* value = text_field(*decoded.form, path);
      if (value != nullptr && !value->empty()) std::cout << "  " << label_of(path) << ": " << *value << "\n";
    }
  }
  if (e.step == JournalStep::started) {
    std::cout << say(
        "  Portalda bu başvurudan bir şey yok: alanlar düzeltilebilir (nes journal edit) ya da kayıt "
        "silinebilir (nes journal forget).\n",
        "  The portal holds nothing of it: its fields can be corrected (nes journal edit) or the entry "
        "dropped (nes journal forget).\n");
  }
  return exit_ok;
}

}  // namespace

std::vector<std::string> refused_fields(const Problem& problem) {
  std::vector<std::string> out;
  for (const auto& e : problem.errors) {
    ApplicationForm probe;
    if (text_field(probe, e.field) != nullptr && std::find(out.begin(), out.end(), e.field) == out.end()) {
      out.push_back(e.field);
    }
  }
  if (problem.is("phone_not_registered") && out.empty()) out.emplace_back(fields::identity_mobile_phone);
  return out;
}

bool ask_again(Journal& journal, JournalEntry& entry, const std::vector<std::string>& paths) {
  auto decoded = decode_form_json(entry.form_json.reveal());
  if (!decoded.form || entry.step != JournalStep::started || paths.empty()) return false;
  ApplicationForm form = *decoded.form;
  for (const auto& path : paths) {
    std::string* value = text_field(form, path);
    if (value == nullptr) continue;
    for (;;) {
      auto typed = read_terminal_line("  " + label_of(path) +
                                      std::string(say(" (portal reddetti; yenisi): ",
                                                      " (refused by the portal; "
                                                      "the new one): ")));
      if (!typed) return false;
      *value = *typed;
      const auto checked = validate_form(form, nullptr);  // held: the problem points into it
      const auto* problem = problem_at(checked, path);
      if (problem == nullptr) break;
      std::cout << "  " << label_of(path) << ": " << message_of_field(*problem) << "\n";
    }
  }
  error_code ec;
  return journal.amend_form(entry, form, ec);
}

int run_journal(const std::vector<std::string>& args) {
  const std::string usage(
      say("Kullanım: nes journal show KAYIT [--json]\n"
          "          nes journal edit KAYIT --ALAN DEĞER...   (ör. --mobile-phone \"0532 123 45 67\")\n"
          "          nes journal forget KAYIT\n"
          "Günlükteki bir kaydı gösterir (T.C. Kimlik No maskeli), portalın reddettiği bir alanı düzeltir ya da\n"
          "portalda karşılığı olmayan bir kaydı siler. Düzeltme ve silme yalnızca portala hiçbir şey ulaşmamış\n"
          "(başlatıldı) kayıtlarda yapılır; silme tamamlanmış kayıtlarda da yapılabilir.\n"
          "Çıkış durumu: 0 tamam, 1 kayıt bu işleme uygun değil, 2 kullanım hatası ya da kayıt yok.\n",
          "Usage: nes journal show ENTRY [--json]\n"
          "       nes journal edit ENTRY --FIELD VALUE...   (e.g. --mobile-phone \"0532 123 45 67\")\n"
          "       nes journal forget ENTRY\n"
          "Shows an entry of the journal (the T.C. Kimlik No masked), corrects a field the portal refused, or\n"
          "drops an entry the portal holds nothing of. Corrections and drops are made only to entries of which\n"
          "nothing reached the portal (started); a finished entry may be dropped too.\n"
          "Exit status: 0 done, 1 the entry does not allow it, 2 usage error or no such entry.\n"));
  ApplyOptions options;
  std::string action;
  std::int64_t id = 0;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  std::map<std::string, std::string> values;
  d.add_options()("journal", po::value(&options.journal),
                  std::string(say("günlük dosyası", "the journal file")).c_str())(
      "json", po::bool_switch(&options.json), std::string(say("JSON olarak yaz", "print JSON")).c_str())(
      "help,h", std::string(say("bu yardımı göster", "show this help")).c_str());
  for (const auto path : fields::all) {
    ApplicationForm probe;
    if (text_field(probe, path) != nullptr) {
      d.add_options()(option_of(path).c_str(), po::value(&values[std::string(path)]), label_of(path).c_str());
    }
  }
  po::options_description hidden;
  hidden.add_options()("action", po::value(&action))("id", po::value(&id));
  po::positional_options_description positional;
  positional.add("action", 1).add("id", 1);
  po::options_description all;
  all.add(d).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return option_error("journal", e, wants_json(args));
  }
  if (vm.count("help") != 0U) {
    std::cout << usage << "\n" << d;
    return exit_ok;
  }
  if (action != "show" && action != "edit" && action != "forget") {
    return usage_error("journal", "show, edit ya da forget verin", "give show, edit or forget", options.json);
  }
  if (id <= 0) return usage_error("journal", "kayıt numarası gerekli", "the entry's number is needed", options.json);
  auto journal = open_journal(options, "journal");
  if (!journal) return exit_failed;
  error_code ec;
  auto entry = journal->find(id, ec);
  if (!entry) {
    return usage_error("journal", "günlükte bu numarada kayıt yok", "the journal has no such entry", options.json,
                       std::to_string(id));
  }
  if (action == "show") return show(*entry, options.json);
  if (action == "forget") {
    if (!journal->forget(id, ec)) {
      std::cerr << "nes journal: "
                << say("bu kayıt portalda bir başvuruya karşılık gelebilir; önce portalda iptal edin (nes cancel).",
                       "this entry may stand for an application on the portal; cancel it there first (nes cancel).")
                << "\n";
      return exit_failed;
    }
    std::cout << "nes: " << say("kayıt silindi: ", "entry dropped: ") << id << "\n";
    return exit_ok;
  }
  auto decoded = decode_form_json(entry->form_json.reveal());
  if (!decoded.form) return exit_failed;
  ApplicationForm form = *decoded.form;
  bool changed = false;
  for (const auto& [path, value] : values) {
    if (vm.count(option_of(path)) == 0U) continue;
    *text_field(form, path) = value;
    changed = true;
  }
  if (!changed) {
    return usage_error("journal", "düzeltilecek alan verilmedi (ör. --mobile-phone)",
                       "no field to correct was given (e.g. --mobile-phone)", options.json);
  }
  const auto checked = validate_form(form, nullptr);
  int problems = 0;
  for (const auto& [path, value] : values) {
    if (vm.count(option_of(path)) == 0U) continue;
    if (const auto* p = problem_at(checked, path)) {
      std::cerr << "nes journal: " << label_of(path) << ": " << message_of_field(*p) << "\n";
      ++problems;
    }
  }
  if (problems > 0) return exit_failed;
  if (!journal->amend_form(*entry, form, ec)) {
    std::cerr << "nes journal: "
              << say("bu kaydın formu portala ulaşmış olabilir; artık değiştirilemez.",
                     "this entry's form may have reached the portal; it can no longer be changed.")
              << "\n";
    return exit_failed;
  }
  std::cout << "nes: " << say("kayıt düzeltildi: ", "entry corrected: ") << id
            << say("; devam etmek için: nes resume --id ", "; to go on: nes resume --id ") << id << "\n";
  return exit_ok;
}

}  // namespace nes::cli
