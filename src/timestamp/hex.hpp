#pragma once
// Lower-case hexadecimal of bytes: the identity header, a token's serial.

#include <cstddef>
#include <string>

namespace nes::timestamp {

inline std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0F];
  }
  return out;
}

}  // namespace nes::timestamp
