#include "portal/registry/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

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

bool PasswordHash::verify(std::string_view password) const {
  if (hash.size() != hash_bytes || iterations < min_iterations) return false;
  std::vector<unsigned char> candidate = derive(password, salt, iterations);
  const bool same = CRYPTO_memcmp(candidate.data(), hash.data(), hash.size()) == 0;
  secure_wipe(candidate.data(), candidate.size());
  return same;
}

}  // namespace nes::portal::registry
