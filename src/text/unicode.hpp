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

/// Every code point below U+0300 has NFC_Quick_Check=Yes and combining
/// class 0, so text made only of them is NFC without asking ICU (UAX #15
/// quick check; a unit test checks the premise against ICU's data).
constexpr char32_t first_possibly_non_nfc = 0x300;
constexpr bool is_nfc_by_range(char32_t highest_code_point) noexcept {
  return highest_code_point < first_possibly_non_nfc;
}

/// Preconditions for the rest: `s` is valid UTF-8.
bool is_nfc(std::string_view s) noexcept;
std::string to_nfc(std::string_view s);
std::string to_upper_tr(std::string_view s);
std::string to_lower_tr(std::string_view s);

}  // namespace nes::detail::unicode
