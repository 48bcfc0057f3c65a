#pragma once
// The Unicode services the validators need, behind a small interface so that
// ICU stays an implementation detail of these two files.

#include <string>
#include <string_view>

namespace nes::detail::unicode {

enum class Category {
  letter,
  mark,
  decimal_digit,
  other_number,
  space_separator,
  line_or_paragraph_separator,
  control,
  format,
  surrogate,
  private_use,
  unassigned,
  punctuation,
  symbol,
};

Category category(char32_t cp) noexcept;

/// Preconditions for the rest: `s` is valid UTF-8.
bool is_nfc(std::string_view s) noexcept;
std::string to_nfc(std::string_view s);
std::string to_upper_tr(std::string_view s);
std::string to_lower_tr(std::string_view s);

}  // namespace nes::detail::unicode
