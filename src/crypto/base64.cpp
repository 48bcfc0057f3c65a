#include "crypto/base64.hpp"

#include <openssl/evp.h>

namespace nes::crypto {

std::string base64(const void* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), static_cast<const unsigned char*>(bytes),
                                static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base64url(const void* bytes, std::size_t size) {
  std::string text = base64(bytes, size);
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

}  // namespace nes::crypto
