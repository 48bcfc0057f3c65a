#include "timestamp/identity.hpp"

#include "timestamp/hex.hpp"

#include <openssl/asn1t.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <vector>

namespace nes::timestamp {

namespace {

struct NesZdIdentity {
  ASN1_INTEGER* user_id;
  ASN1_OCTET_STRING* salt;
  ASN1_INTEGER* iterations;
  ASN1_OCTET_STRING* iv;
  ASN1_OCTET_STRING* encrypted;
};

// clang-format off
// NOLINTBEGIN: OpenSSL's template macros
ASN1_SEQUENCE(NesZdIdentity) = {
    ASN1_SIMPLE(NesZdIdentity, user_id, ASN1_INTEGER),
    ASN1_SIMPLE(NesZdIdentity, salt, ASN1_OCTET_STRING),
    ASN1_SIMPLE(NesZdIdentity, iterations, ASN1_INTEGER),
    ASN1_SIMPLE(NesZdIdentity, iv, ASN1_OCTET_STRING),
    ASN1_SIMPLE(NesZdIdentity, encrypted, ASN1_OCTET_STRING),
} static_ASN1_SEQUENCE_END(NesZdIdentity)
IMPLEMENT_STATIC_ASN1_ALLOC_FUNCTIONS(NesZdIdentity)
// NOLINTEND
// clang-format on

}  // namespace

namespace {

// What Kamu SM's own clients use.
constexpr int iterations = 100;
constexpr std::size_t block = 16;

struct IdentityFree {
  void operator()(NesZdIdentity* p) const noexcept { NesZdIdentity_free(p); }
};

// AES-256-CBC of `plain`, PKCS#7 padded; empty on failure.
std::vector<unsigned char> encrypt(const std::array<unsigned char, 32>& key, const std::array<unsigned char, block>& iv,
                                   std::string_view plain) {
  std::vector<unsigned char> out(plain.size() + block);
  int length = 0;
  int tail = 0;
  EVP_CIPHER_CTX* cipher = EVP_CIPHER_CTX_new();
  const bool done = cipher != nullptr &&
                    EVP_EncryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.data(), iv.data()) == 1 &&
                    EVP_EncryptUpdate(cipher, out.data(), &length, reinterpret_cast<const unsigned char*>(plain.data()),
                                      static_cast<int>(plain.size())) == 1 &&
                    EVP_EncryptFinal_ex(cipher, out.data() + length, &tail) == 1;
  EVP_CIPHER_CTX_free(cipher);
  if (!done) return {};
  out.resize(static_cast<std::size_t>(length + tail));
  return out;
}

}  // namespace

std::optional<std::string> make_identity(std::uint64_t customer, const SecretString& password,
                                         std::string_view hashed_message) {
  std::array<unsigned char, block> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return std::nullopt;
  std::array<unsigned char, 32> key{};
  const auto secret = password.reveal();
  const bool derived =
      PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(key.size()), key.data()) == 1;
  const auto encrypted = derived ? encrypt(key, salt, hashed_message) : std::vector<unsigned char>{};
  OPENSSL_cleanse(key.data(), key.size());
  if (encrypted.empty()) return std::nullopt;

  std::unique_ptr<NesZdIdentity, IdentityFree> identity(NesZdIdentity_new());
  if (!identity || ASN1_INTEGER_set_uint64(identity->user_id, customer) != 1 ||
      ASN1_OCTET_STRING_set(identity->salt, salt.data(), static_cast<int>(salt.size())) != 1 ||
      ASN1_INTEGER_set_int64(identity->iterations, iterations) != 1 ||
      ASN1_OCTET_STRING_set(identity->iv, salt.data(), static_cast<int>(salt.size())) != 1 ||
      ASN1_OCTET_STRING_set(identity->encrypted, encrypted.data(), static_cast<int>(encrypted.size())) != 1) {
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int size = ASN1_item_i2d(reinterpret_cast<ASN1_VALUE*>(identity.get()), &der, ASN1_ITEM_rptr(NesZdIdentity));
  if (size <= 0) return std::nullopt;
  std::string text = hex(der, static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return text;
}

}  // namespace nes::timestamp
