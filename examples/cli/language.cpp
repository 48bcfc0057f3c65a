#include "language.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace nes::cli {

namespace {

std::atomic<Language> current{Language::tr};

bool named(std::string_view name, Language& out) {
  if (name == "tr") {
    out = Language::tr;
    return true;
  }
  if (name == "en") {
    out = Language::en;
    return true;
  }
  return false;
}

}  // namespace

Language ui_language() noexcept { return current.load(std::memory_order_relaxed); }

void set_ui_language(Language language) noexcept { current.store(language, std::memory_order_relaxed); }

std::string os_error(int error) {
  switch (error) {
    case ENOENT:
      return std::string(say("böyle bir dosya ya da klasör yok", "no such file or folder"));
    case EACCES:
    case EPERM:
      return std::string(say("izin yok", "permission denied"));
    case EISDIR:
      return std::string(say("bu bir klasör", "it is a folder"));
    case ENOTDIR:
      return std::string(say("yolun bir parçası klasör değil", "a part of the path is not a folder"));
    case ENOSPC:
      return std::string(say("diskte yer yok", "no space left on the disk"));
    case EROFS:
      return std::string(say("dosya sistemi salt okunur", "the file system is read-only"));
    default:
      return ui_language() == Language::tr ? "sistem hatası " + std::to_string(error) : std::strerror(error);
  }
}

bool take_language_option(std::vector<std::string>& args, std::string& bad) {
  Language language = Language::tr;
  if (const char* env = std::getenv("NES_LANG"); env != nullptr && *env != '\0' && named(env, language)) {
    set_ui_language(language);
  }
  for (std::size_t i = 0; i < args.size();) {
    std::string value;
    std::size_t taken = 0;
    if (args[i] == "--lang" && i + 1 < args.size()) {
      value = args[i + 1];
      taken = 2;
    } else if (args[i].rfind("--lang=", 0) == 0) {
      value = args[i].substr(7);
      taken = 1;
    } else if (args[i] == "--lang") {
      bad = "--lang";
      return false;
    }
    if (taken == 0) {
      ++i;
      continue;
    }
    if (!named(value, language)) {
      bad = value;
      return false;
    }
    set_ui_language(language);
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + taken));
  }
  return true;
}

}  // namespace nes::cli
