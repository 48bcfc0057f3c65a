#include "portal/crypto/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace nes::portal::crypto {

std::string base64_encode(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool base64_decode(std::string_view text, std::vector<unsigned char>& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  out.assign(3 * text.size() / 4, 0);
  const int n =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  std::size_t size = static_cast<std::size_t>(n);
  if (text.ends_with("=="))
    size -= 2;
  else if (text.ends_with('='))
    size -= 1;
  out.resize(size);
  return true;
}

std::string base64url_encode(const std::vector<unsigned char>& bytes) {
  std::string out = base64_encode(bytes);
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  out.erase(std::find(out.begin(), out.end(), '='), out.end());
  return out;
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("no randomness");
  return base64url_encode(raw);
}

std::vector<unsigned char> sha256(std::string_view bytes) {
  std::vector<unsigned char> digest(SHA256_DIGEST_LENGTH);
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  return digest;
}

std::string hex_encode(std::string_view bytes) {
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::string random_string(std::size_t count, std::string_view alphabet) {
  // Rejection sampling: bytes at or above the largest multiple of the
  // alphabet's size are drawn again, so that every symbol is equally likely.
  const std::size_t size = alphabet.size();
  const std::size_t limit = 256 - 256 % size;
  std::string out;
  out.reserve(count);
  unsigned char byte = 0;
  while (out.size() < count) {
    if (RAND_bytes(&byte, 1) != 1) throw std::runtime_error("no randomness");
    if (byte < limit) out.push_back(alphabet[byte % size]);
  }
  return out;
}

std::string pkce_s256(std::string_view code_verifier) { return base64url_encode(sha256(code_verifier)); }

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace nes::portal::crypto
