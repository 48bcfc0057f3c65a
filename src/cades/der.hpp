#pragma once
// DER by hand for the structures OpenSSL has no type for (CAdES's
// references and values): a tag, a definite length, the content.

#include <string>
#include <string_view>

namespace nes::cades::der {

inline constexpr unsigned char sequence_tag = 0x30;
inline constexpr unsigned char octet_string_tag = 0x04;

/// Context-specific, constructed: [n] EXPLICIT.
constexpr unsigned char explicit_tag(unsigned n) { return static_cast<unsigned char>(0xA0 | n); }

/// `tag`, the DER length of `content`, `content`.
inline std::string tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t size = content.size();
  if (size < 0x80) {
    out.push_back(static_cast<char>(size));
  } else {
    std::string length;
    for (std::size_t rest = size; rest != 0; rest >>= 8) length.insert(length.begin(), static_cast<char>(rest & 0xFF));
    out.push_back(static_cast<char>(0x80 | length.size()));
    out += length;
  }
  out.append(content);
  return out;
}

inline std::string sequence(std::string_view content) { return tlv(sequence_tag, content); }

}  // namespace nes::cades::der
