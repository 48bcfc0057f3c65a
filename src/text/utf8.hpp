#pragma once
// Strict UTF-8 decoding (RFC 3629): no overlongs, no surrogates, nothing
// above U+10FFFF. Invalid input is reported, never replaced.

#include <cstddef>
#include <string>
#include <string_view>

namespace nes::detail::utf8 {

inline constexpr char32_t invalid = 0xFFFFFFFF;

/// Decodes the code point starting at s[pos] and advances pos past it; on an
/// invalid sequence returns `invalid` and advances pos by one byte. Inline:
/// it runs once per non-ASCII character of every field.
inline char32_t decode(std::string_view s, std::size_t& pos) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80U) {
    ++pos;
    return lead;
  }
  std::size_t need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    need = 1;
    cp = lead & 0x1FU;
    min = 0x80;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    need = 2;
    cp = lead & 0x0FU;
    min = 0x800;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    need = 3;
    cp = lead & 0x07U;
    min = 0x10000;
  } else {
    ++pos;
    return invalid;
  }
  if (s.size() - pos <= need) {
    ++pos;
    return invalid;
  }
  for (std::size_t i = 1; i <= need; ++i) {
    const unsigned char c = byte(pos + i);
    if ((c & 0xC0U) != 0x80U) {
      ++pos;
      return invalid;
    }
    cp = (cp << 6U) | (c & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return invalid;
  }
  pos += need + 1;
  return cp;
}

/// Appends the UTF-8 encoding of a valid code point.
void append(std::string& out, char32_t cp);

/// Number of code points in valid UTF-8.
std::size_t length(std::string_view s) noexcept;

/// "U+00A0"
std::string code_point_name(char32_t cp);

}  // namespace nes::detail::utf8
