#include "command_line.hpp"

#include "command_status.hpp"
#include "language.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>

namespace nes::cli {

namespace po = boost::program_options;

bool wants_json(const std::vector<std::string>& args) {
  return std::find(args.begin(), args.end(), "--json") != args.end();
}

int usage_error(const std::string& command, std::string_view tr, std::string_view en, bool json,
                const std::string& detail) {
  if (json) {
    // The detail (an option's name, a file and the system's error) is in the
    // interface's language only: apart, so that each message is in its own.
    boost::json::object error{{"code", "usage"}, {"message_tr", tr}, {"message_en", en}};
    if (!detail.empty()) error["detail"] = detail;
    std::cout << boost::json::serialize(boost::json::object{{"error", std::move(error)}}) << "\n";
  } else {
    std::cerr << "nes " << command << ": " << say(tr, en) << (detail.empty() ? "" : ": " + detail) << "\n"
              << say("Seçenekler için: nes help ", "For the options: nes help ") << command << "\n";
  }
  return exit_usage;
}

int option_error(const std::string& command, const po::error& e, bool json) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
    return usage_error(command, "tanınmayan seçenek", "unknown option", json, unknown->get_option_name());
  }
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&e)) {
    return usage_error(command, "bu seçenek bir kez verilebilir", "this option may be given once", json,
                       repeated->get_option_name());
  }
  if (const auto* value = dynamic_cast<const po::invalid_option_value*>(&e)) {
    return usage_error(command, "seçeneğin değeri geçersiz", "the option's value is not valid", json,
                       value->get_option_name());
  }
  if (const auto* named = dynamic_cast<const po::error_with_option_name*>(&e)) {
    return usage_error(command, "seçenek eksik ya da değeri verilmemiş", "an option or its value is missing", json,
                       named->get_option_name());
  }
  return usage_error(command, "komut satırı okunamadı", "the command line cannot be read", json);
}

bool parse_command_line(const std::vector<std::string>& args, const po::options_description& options,
                        std::string_view usage, const std::string& command, bool& help) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    option_error(command, e, wants_json(args));
    return false;
  }
  help = vm.count("help") != 0U;
  if (help) std::cout << usage << "\n" << options;
  return true;
}

}  // namespace nes::cli
