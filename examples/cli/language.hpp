#pragma once
// The language of the nes program's interface: Turkish unless --lang en
// (or $NES_LANG=en) asks for English. Every sentence a person reads is
// written in both; say() picks one.

#include <nes/messages.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace nes::cli {

/// The interface's language, for the whole process.
Language ui_language() noexcept;
void set_ui_language(Language language) noexcept;

/// Takes --lang tr|en (or --lang=…) out of `args`, anywhere in them, and sets
/// the language; else $NES_LANG. False, with `bad` set, for another value.
bool take_language_option(std::vector<std::string>& args, std::string& bad);

/// The sentence in the interface's language.
inline std::string_view say(std::string_view tr, std::string_view en) noexcept {
  return ui_language() == Language::tr ? tr : en;
}

/// What the system said (an errno), in the interface's language.
std::string os_error(int error);

/// The message of `m` in the interface's language.
inline std::string_view say(const Message& m) noexcept { return m.in(ui_language()); }

}  // namespace nes::cli
