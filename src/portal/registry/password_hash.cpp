#include "portal/registry/password_hash.hpp"

#include "portal/crypto/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>

namespace nes::portal::registry {

namespace {

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt,
                                  std::uint32_t iterations) {
  std::vector<unsigned char> out(PasswordHash::hash_bytes);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                        static_cast<int>(iterations), EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

}  // namespace

PasswordHash PasswordHash::make(std::string_view password, std::uint32_t iterations) {
  PasswordHash h;
  h.iterations = iterations;
  h.salt.resize(salt_bytes);
  if (RAND_bytes(h.salt.data(), static_cast<int>(h.salt.size())) != 1) throw std::runtime_error("no randomness");
  h.hash = derive(password, h.salt, iterations);
  return h;
}

std::string PasswordHash::to_text() const {
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + crypto::base64_encode(salt) + "$" +
         crypto::base64_encode(hash);
}

std::optional<PasswordHash> PasswordHash::from_text(std::string_view text) {
  constexpr std::string_view scheme = "pbkdf2-sha256$";
  if (text.substr(0, scheme.size()) != scheme) return std::nullopt;
  text.remove_prefix(scheme.size());
  const auto first = text.find('$');
  const auto second = first == std::string_view::npos ? first : text.find('$', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  PasswordHash h;
  const auto iterations = text.substr(0, first);
  const auto [end, error] = std::from_chars(iterations.data(), iterations.data() + iterations.size(), h.iterations);
  if (error != std::errc() || end != iterations.data() + iterations.size() || h.iterations < min_iterations) {
    return std::nullopt;
  }
  if (!crypto::base64_decode(text.substr(first + 1, second - first - 1), h.salt) ||
      !crypto::base64_decode(text.substr(second + 1), h.hash) || h.hash.size() != hash_bytes) {
    return std::nullopt;
  }
  return h;
}

bool PasswordHash::verify(std::string_view password) const {
  if (hash.size() != hash_bytes || iterations < min_iterations) return false;
  std::vector<unsigned char> candidate = derive(password, salt, iterations);
  const bool same = CRYPTO_memcmp(candidate.data(), hash.data(), hash.size()) == 0;
  secure_wipe(candidate.data(), candidate.size());
  return same;
}

}  // namespace nes::portal::registry
