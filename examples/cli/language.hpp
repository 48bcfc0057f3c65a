#pragma once
// The language of the nes program's interface: Turkish unless --lang en
// (or $NES_LANG=en) asks for English. Every sentence a person reads is
// written in both; say() picks one.

#include <nes/messages.hpp>

#include <string>
#include <string_view>

namespace nes::cli {

/// The interface's language, for the whole process.
Language ui_language() noexcept;
void set_ui_language(Language language) noexcept;

/// The language named "tr" or "en"; false for another name.
bool language_named(std::string_view name, Language& out);

/// The sentence in the interface's language.
inline std::string_view say(std::string_view tr, std::string_view en) noexcept {
  return ui_language() == Language::tr ? tr : en;
}

/// What the system said (an errno), in the interface's language.
std::string os_error(int error);

/// The message of `m` in the interface's language.
inline std::string_view say(const Message& m) noexcept { return m.in(ui_language()); }

/// A sentence made at run time (with a count in it), in both languages.
struct Sentence {
  std::string tr;
  std::string en;
};

}  // namespace nes::cli
