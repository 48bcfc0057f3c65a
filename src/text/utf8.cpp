#include "text/utf8.hpp"

#include <nes/text.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

namespace nes::detail::utf8 {

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  }
}

std::size_t length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::string code_point_name(char32_t cp) {
  std::array<char, 16> buf{};
  if (cp > 0x20 && cp < 0x7F) {  // printable ASCII: show the character too
    std::snprintf(buf.data(), buf.size(), "'%c' (U+%04X)", static_cast<char>(cp), static_cast<unsigned>(cp));
  } else {
    std::snprintf(buf.data(), buf.size(), "U+%04X", static_cast<unsigned>(cp));
  }
  return buf.data();
}

}  // namespace nes::detail::utf8

namespace nes::text {

bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (detail::utf8::decode(s, pos) == detail::utf8::invalid) return false;
  }
  return true;
}

}  // namespace nes::text
