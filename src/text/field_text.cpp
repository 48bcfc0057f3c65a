#include "text/field_text.hpp"

#include "text/unicode.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace nes::detail {

namespace {

using unicode::Category;

// Generous guard against huge input before any per-character work: no valid
// value of a field comes near 16 bytes per allowed character.
constexpr std::size_t bytes_per_char_guard = 16;

constexpr char32_t right_single_quote = 0x2019;  // ’, as in "Ay’ın"

constexpr Category ascii_category(char32_t cp) noexcept {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Category::letter;
  if (cp >= '0' && cp <= '9') return Category::decimal_digit;
  if (cp < 0x20 || cp == 0x7F) return Category::control;
  if (cp == ' ') return Category::space_separator;
  return Category::punctuation;  // symbols and punctuation alike here
}

constexpr bool allowed_in_name(char32_t cp, Category cat) noexcept {
  return cat == Category::letter || cat == Category::mark || cp == '-' || cp == '\'' || cp == right_single_quote ||
         cp == '.';
}

constexpr bool allowed(TextKind kind, char32_t cp, Category cat) noexcept {
  switch (kind) {
    case TextKind::name:
      return allowed_in_name(cp, cat);
    case TextKind::district:
      return allowed_in_name(cp, cat) || (cp >= '0' && cp <= '9') || cp == '/' || cp == '(' || cp == ')';
    case TextKind::free_text:
      return cat == Category::letter || cat == Category::mark || cat == Category::punctuation ||
             cat == Category::symbol || cat == Category::other_number || (cp >= '0' && cp <= '9');
  }
  return false;
}

// What an ASCII byte is in each kind of text, looked up rather than worked
// out per character: most of every form is ASCII.
enum class AsciiClass : std::uint8_t { keep, space, line_break, control, disallowed };
using AsciiTable = std::array<AsciiClass, 128>;

constexpr AsciiTable make_ascii_table(TextKind kind) {
  AsciiTable table{};
  for (char32_t c = 0; c < 128; ++c) {
    const Category cat = ascii_category(c);
    table[c] = c == ' '                   ? AsciiClass::space
               : c == '\r' || c == '\n'   ? AsciiClass::line_break
               : cat == Category::control ? AsciiClass::control
               : allowed(kind, c, cat)    ? AsciiClass::keep
                                          : AsciiClass::disallowed;
  }
  return table;
}

constexpr std::array<AsciiTable, 3> ascii_tables = {
    make_ascii_table(TextKind::name), make_ascii_table(TextKind::district), make_ascii_table(TextKind::free_text)};

// A name begins with a letter, a district with a letter or a digit ("19
// Mayıs"): punctuation or a lone combining mark is no name.
bool starts_well(TextKind kind, std::string_view normalized) {
  if (normalized.empty() || kind == TextKind::free_text) return true;
  std::size_t pos = 0;
  const char32_t first = utf8::decode(normalized, pos);
  const Category cat = first < 0x80 ? ascii_category(first) : unicode::category(first);
  return cat == Category::letter || (kind == TextKind::district && cat == Category::decimal_digit);
}

struct ScanFlags {
  bool line_break = false;
  bool control = false;
  bool non_ascii_digit = false;
  char32_t first_disallowed = 0;
  bool disallowed = false;

  void report(std::string_view field, FieldErrors& out) const {
    if (line_break) out.push_back(make_field_error(std::string(field), ValidationCode::line_break));
    if (control) out.push_back(make_field_error(std::string(field), ValidationCode::control_character));
    if (non_ascii_digit) out.push_back(make_field_error(std::string(field), ValidationCode::non_ascii_digit));
    if (disallowed) {
      out.push_back(make_field_error(std::string(field), ValidationCode::invalid_character,
                                     utf8::code_point_name(first_disallowed)));
    }
  }

  // Sorts one code point that is not a plain space into the flags; true when
  // it is acceptable for `kind`.
  bool classify(TextKind kind, char32_t cp, Category cat) {
    if (cp == '\r' || cp == '\n' || cat == Category::line_or_paragraph_separator) {
      line_break = true;
      return false;
    }
    if (cat == Category::control) {
      control = true;
      return false;
    }
    if (cat == Category::decimal_digit && cp > 0x7F) {
      non_ascii_digit = true;
      return false;
    }
    if (!allowed(kind, cp, cat)) {
      disallow(cp);
      return false;
    }
    return true;
  }

  void disallow(char32_t cp) {
    if (!disallowed) first_disallowed = cp;
    disallowed = true;
  }
};

}  // namespace

bool check_max_bytes(std::string_view in, std::size_t max_bytes, std::string_view field, FieldErrors& out) {
  if (in.size() <= max_bytes) return true;
  out.push_back(make_field_error(std::string(field), ValidationCode::too_long, std::to_string(max_bytes)));
  return false;
}

std::optional<std::string> check_text(std::string_view in, TextRule rule, std::string_view field, FieldErrors& out) {
  if (!check_max_bytes(in, rule.max_length * bytes_per_char_guard, field, out)) return std::nullopt;

  std::string normalized;
  normalized.reserve(in.size());
  ScanFlags flags;
  bool ok = true;
  bool pending_space = false;
  std::size_t length = 0;  // code points in `normalized`
  char32_t highest = 0;    // decides whether NFC needs a look
  const auto keep = [&](std::string_view bytes, std::size_t code_points) {
    if (pending_space) {
      normalized.push_back(' ');
      ++length;
      pending_space = false;
    }
    normalized.append(bytes);
    length += code_points;
  };
  const AsciiTable& ascii = ascii_tables[static_cast<std::size_t>(rule.kind)];
  const auto is_kept_ascii = [&](std::size_t i) {
    const auto b = static_cast<unsigned char>(in[i]);
    return b < 0x80 && ascii[b] == AsciiClass::keep;
  };
  std::size_t pos = 0;
  while (pos < in.size()) {
    const auto byte = static_cast<unsigned char>(in[pos]);
    if (byte < 0x80) {
      switch (ascii[byte]) {
        case AsciiClass::keep: {
          std::size_t end = pos + 1;
          while (end < in.size() && is_kept_ascii(end)) ++end;
          keep(in.substr(pos, end - pos), end - pos);
          pos = end;
          continue;
        }
        case AsciiClass::space:
          pending_space = !normalized.empty();
          break;
        case AsciiClass::line_break:
          flags.line_break = true;
          ok = false;
          break;
        case AsciiClass::control:
          flags.control = true;
          ok = false;
          break;
        case AsciiClass::disallowed:
          flags.disallow(byte);
          ok = false;
          break;
      }
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = utf8::decode(in, pos);
    if (cp == utf8::invalid) {
      out.push_back(make_field_error(std::string(field), ValidationCode::invalid_utf8));
      return std::nullopt;  // nothing after a broken sequence can be trusted
    }
    if (flags.classify(rule.kind, cp, unicode::category(cp))) {
      keep(in.substr(start, pos - start), 1);
      highest = std::max(highest, cp);
    } else {
      ok = false;
    }
  }
  if (!ok) {
    flags.report(field, out);
    return std::nullopt;
  }
  if (!unicode::is_nfc_by_range(highest) && !unicode::is_nfc(normalized)) {
    normalized = unicode::to_nfc(normalized);
    length = utf8::length(normalized);
  }
  if (length > rule.max_length) {
    out.push_back(make_field_error(std::string(field), ValidationCode::too_long, std::to_string(rule.max_length)));
    return std::nullopt;
  }
  if (!starts_well(rule.kind, normalized)) {
    std::size_t first = 0;
    out.push_back(make_field_error(std::string(field), ValidationCode::invalid_character,
                                   utf8::code_point_name(utf8::decode(normalized, first))));
    return std::nullopt;
  }
  return normalized;
}

std::optional<std::string> check_required_text(std::string_view in, TextRule rule, std::string_view field,
                                               FieldErrors& out) {
  auto value = check_text(in, rule, field, out);
  if (value && value->empty()) {
    out.push_back(make_field_error(std::string(field), ValidationCode::required));
    return std::nullopt;
  }
  return value;
}

bool check_printable_ascii(std::string_view in, std::string_view field, FieldErrors& out) {
  ScanFlags flags;
  bool ok = true;
  std::size_t pos = 0;
  while (pos < in.size()) {
    const auto byte = static_cast<unsigned char>(in[pos]);
    if (byte >= 0x20 && byte < 0x7F) {
      ++pos;
      continue;
    }
    ok = false;
    const char32_t cp = utf8::decode(in, pos);
    if (cp == utf8::invalid) {
      out.push_back(make_field_error(std::string(field), ValidationCode::invalid_utf8));
      return false;
    }
    const Category cat = cp < 0x80 ? ascii_category(cp) : unicode::category(cp);
    if (cp == '\r' || cp == '\n' || cat == Category::line_or_paragraph_separator) {
      flags.line_break = true;
    } else if (cat == Category::control) {
      flags.control = true;
    } else if (cat == Category::decimal_digit) {
      flags.non_ascii_digit = true;
    } else {
      flags.disallow(cp);
    }
  }
  if (!ok) flags.report(field, out);
  return ok;
}

}  // namespace nes::detail
