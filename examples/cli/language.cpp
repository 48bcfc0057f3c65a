#include "language.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace nes::cli {

namespace {

std::atomic<Language> current{Language::tr};

}  // namespace

bool language_named(std::string_view name, Language& out) {
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

}  // namespace nes::cli
