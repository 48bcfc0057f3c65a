#pragma once
// The checks every text field shares: UTF-8, control characters, line
// breaks, the allowed characters of its kind, length, and normalisation.

#include <nes/field_error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nes::detail {

enum class TextKind {
  name,       ///< letters, marks, space, - ' ’ .
  district,   ///< a name plus ASCII digits and / ( )
  free_text,  ///< any letter, mark, ASCII digit, punctuation or symbol
};

struct TextRule {
  TextKind kind = TextKind::free_text;
  std::size_t max_length = 0;  ///< in code points, after normalisation
};

/// Checks a single-line text field and returns it normalised: NFC, outer
/// spaces trimmed, inner runs of spaces folded to one. The result may be
/// empty (the caller decides whether the field is required). On any problem
/// returns nullopt and appends the problems, each code once.
std::optional<std::string> check_text(std::string_view in, TextRule rule, std::string_view field, FieldErrors& out);

/// check_text for a field that must have a value: blank input (after
/// normalisation) is reported as `required`.
std::optional<std::string> check_required_text(std::string_view in, TextRule rule, std::string_view field,
                                               FieldErrors& out);

/// For fields made of printable ASCII (numbers, e-mail): true when every
/// byte is printable ASCII; otherwise appends invalid_utf8, line_break,
/// control_character, non_ascii_digit or invalid_character (each once).
bool check_printable_ascii(std::string_view in, std::string_view field, FieldErrors& out);

/// Appends too_long when `in` has more than `max_bytes` bytes; true if it fits.
bool check_max_bytes(std::string_view in, std::size_t max_bytes, std::string_view field, FieldErrors& out);

// Locale-independent ASCII classes: the C library's depend on the process
// locale, and a Turkish locale maps 'I' differently.
inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_alnum(char c) noexcept { return is_ascii_alpha(c) || is_ascii_digit(c); }
/// A catalogue identifier (institution, notice): [a-z0-9_-]{1,64}.
inline bool is_identifier(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

inline char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace nes::detail
