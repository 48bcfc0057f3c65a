#include "text/utf8.hpp"

#include <nes/text.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

namespace nes::detail::utf8 {

namespace {

bool is_continuation(unsigned char c) noexcept { return (c & 0xC0U) == 0x80U; }

}  // namespace

char32_t decode(std::string_view s, std::size_t& pos) noexcept {
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
    if (!is_continuation(c)) {
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
    if (!is_continuation(static_cast<unsigned char>(c))) ++n;
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
