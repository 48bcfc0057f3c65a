#include "validate_command.hpp"

#include "command_line.hpp"
#include "input_file.hpp"
#include "language.hpp"

#include <nes/nes.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

struct Options {
  bool help = false;
  bool json = false;
  std::string catalogue;
  std::vector<std::string> forms;
};

std::string usage() {
  return std::string(
      say("Kullanım: nes validate [--json] [--catalogue DOSYA] FORM.json...\n"
          "Başvuru formlarını denetler ve her sorunu, alanıyla birlikte yazar (--json ile alan yolu\n"
          "ve kodu da).\n"
          "Çıkış durumu: 0 hepsi geçerli, 1 bir formda sorun var, 2 okunamayan girdi ya da kullanım "
          "hatası.\n",
          "Usage: nes validate [--json] [--catalogue FILE] FORM.json...\n"
          "Checks application forms and prints every problem with its field (with --json, the field's\n"
          "path and the code too).\n"
          "Exit status: 0 all valid, 1 a form is invalid, 2 unreadable input or usage error.\n"));
}

// A field by its label; the whole document, or an unknown member by its path.
std::string field_name(const FieldError& e) {
  if (e.field.empty()) return std::string(say("(belge)", "(document)"));
  const auto label = field_label(e.field);
  return label ? std::string(say(*label)) : e.field;
}

void print_text(const std::string& file, const FormValidation& result) {
  if (result.valid()) {
    std::cout << file << ": " << say("geçerli", "valid") << "\n";
    return;
  }
  const auto n = result.errors.size();
  std::cout << file << ": " << n << say(" sorun\n", n == 1 ? " problem\n" : " problems\n");
  for (const auto& e : result.errors) {
    std::cout << "  " << field_name(e) << ": " << (ui_language() == Language::tr ? e.message_tr : e.message_en) << "\n";
  }
}

void print_json(const std::string& file, const FormValidation& result) {
  boost::json::array errors;
  for (const auto& e : result.errors) {
    errors.push_back(boost::json::object{
        {"field", e.field}, {"code", to_string(e.code)}, {"message_tr", e.message_tr}, {"message_en", e.message_en}});
  }
  const boost::json::object out{{"file", file}, {"valid", result.valid()}, {"errors", std::move(errors)}};
  std::cout << boost::json::serialize(out) << '\n';
}

std::optional<Options> parse_options(const std::vector<std::string>& args) {
  Options options;
  po::options_description named(std::string(say("Seçenekler", "Options")));
  named.add_options()("json", po::bool_switch(&options.json),
                      std::string(say("form başına bir JSON nesnesi yaz", "print one JSON object per form")).c_str())(
      "catalogue", po::value(&options.catalogue),
      std::string(say("kurallarıyla denetlenecek kurum kataloğu (JSON)",
                      "institution catalogue (JSON) whose rules "
                      "apply"))
          .c_str())("help,h", std::string(say("bu yardımı göster", "show this help")).c_str());
  po::options_description all;
  all.add(named).add_options()("form", po::value(&options.forms));
  po::positional_options_description positional;
  positional.add("form", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    option_error("validate", e, wants_json(args));
    return std::nullopt;
  }
  if (vm.count("help") != 0U) {
    std::cout << usage() << "\n" << named;
    options.help = true;
    return options;
  }
  if (options.forms.empty()) {
    usage_error("validate", "form verilmedi", "no form given", options.json);
    return std::nullopt;
  }
  return options;
}

std::optional<std::vector<Institution>> load_catalogue(const std::string& path) {
  if (path.empty()) return std::vector<Institution>{};
  std::string error;
  auto content = read_input_file(path, error);
  if (!content) {
    std::cerr << "nes validate: " << error << "\n";
    return std::nullopt;
  }
  auto catalogue = decode_institution_catalogue(content->reveal());
  if (!catalogue) {
    std::cerr << "nes validate: " << path << say(": katalog geçerli değil:\n", ": the catalogue is not valid:\n");
    for (const auto& e : catalogue.errors()) {
      std::cerr << "  " << e.field << ": " << (ui_language() == Language::tr ? e.message_tr : e.message_en) << "\n";
    }
    return std::nullopt;
  }
  return std::move(catalogue).value();
}

}  // namespace

int run_validate(const std::vector<std::string>& args) {
  const auto options = parse_options(args);
  if (!options) return exit_unreadable;
  if (options->help) return exit_valid;
  const auto catalogue = load_catalogue(options->catalogue);
  if (!catalogue) return exit_unreadable;

  int status = exit_valid;
  for (const auto& file : options->forms) {
    std::string error;
    const auto content = read_input_file(file, error);
    if (!content) {
      std::cerr << "nes validate: " << error << "\n";
      status = exit_unreadable;
      continue;
    }
    const FormValidation result = check_form_json(content->reveal(), *catalogue);
    if (options->json)
      print_json(file, result);
    else
      print_text(file, result);
    // A document that is not a form at all (malformed JSON, not an object)
    // is unreadable input; a form with problems is invalid.
    const bool unreadable =
        std::any_of(result.errors.begin(), result.errors.end(), [](const FieldError& e) { return e.field.empty(); });
    status = std::max(status, unreadable ? int{exit_unreadable} : result.valid() ? int{exit_valid} : int{exit_invalid});
  }
  return status;
}

}  // namespace nes::cli
