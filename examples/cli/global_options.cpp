#include "global_options.hpp"

#include "language.hpp"
#include "log_option.hpp"

#include <algorithm>
#include <cstdlib>

namespace nes::cli {

namespace {

enum class Taken { absent, taken, no_value };

// Takes the first `--NAME VALUE` or `--NAME=VALUE` out of `args`.
Taken take(std::vector<std::string>& args, std::string_view name, std::string& value) {
  const std::string flag = "--" + std::string(name);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::size_t count = 0;
    if (args[i] == flag) {
      if (i + 1 == args.size()) return Taken::no_value;
      value = args[i + 1];
      count = 2;
    } else if (args[i].rfind(flag + "=", 0) == 0) {
      value = args[i].substr(flag.size() + 1);
      count = 1;
    } else {
      continue;
    }
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + count));
    return Taken::taken;
  }
  return Taken::absent;
}

// Each occurrence of `name`, applied in turn by `apply`.
template <class Apply>
bool take_all(std::vector<std::string>& args, std::string_view name, std::string& bad, Apply apply) {
  std::string value;
  for (auto taken = take(args, name, value); taken != Taken::absent; taken = take(args, name, value)) {
    if (taken == Taken::no_value || !apply(value)) {
      bad = taken == Taken::no_value ? "--" + std::string(name) : value;
      return false;
    }
  }
  return true;
}

}  // namespace

bool take_global_options(std::vector<std::string>& args, std::string& bad) {
  Language language = Language::tr;
  if (const char* env = std::getenv("NES_LANG"); env != nullptr && language_named(env, language)) {
    set_ui_language(language);
  }
  const bool languages = take_all(args, "lang", bad, [&](const std::string& v) {
    if (!language_named(v, language)) return false;
    set_ui_language(language);
    return true;
  });
  if (!languages) return false;
  for (const char* verbose : {"--verbose", "-v"}) {
    for (auto it = std::find(args.begin(), args.end(), verbose); it != args.end();
         it = std::find(args.begin(), args.end(), verbose)) {
      args.erase(it);
      set_log_level("debug");
    }
  }
  return take_all(args, "log-level", bad, [](const std::string& v) { return set_log_level(v); });
}

}  // namespace nes::cli
