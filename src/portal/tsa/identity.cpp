#include "portal/tsa/identity.hpp"

#include <openssl/asn1t.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <vector>

namespace nes::portal::tsa {

namespace {

struct NesKamusmIdentity {
  ASN1_INTEGER* user_id;
  ASN1_OCTET_STRING* salt;
  ASN1_INTEGER* iterations;
  ASN1_OCTET_STRING* iv;
  ASN1_OCTET_STRING* encrypted;
};

// clang-format off
// NOLINTBEGIN: OpenSSL's template macros
ASN1_SEQUENCE(NesKamusmIdentity) = {
    ASN1_SIMPLE(NesKamusmIdentity, user_id, ASN1_INTEGER),
    ASN1_SIMPLE(NesKamusmIdentity, salt, ASN1_OCTET_STRING),
    ASN1_SIMPLE(NesKamusmIdentity, iterations, ASN1_INTEGER),
    ASN1_SIMPLE(NesKamusmIdentity, iv, ASN1_OCTET_STRING),
    ASN1_SIMPLE(NesKamusmIdentity, encrypted, ASN1_OCTET_STRING),
} static_ASN1_SEQUENCE_END(NesKamusmIdentity)
// NOLINTEND
    // clang-format on

    // Kamu SM's clients use 100 iterations; a bound keeps a request from costing
    // the service more than a few milliseconds.
    constexpr long max_iterations = 10'000;
constexpr std::size_t block = 16;

std::string bytes_of(const ASN1_OCTET_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view hex) {
  std::string digits(hex.size() % 2 == 1 ? "0" : "");
  digits += hex;
  std::vector<unsigned char> out;
  out.reserve(digits.size() / 2);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    int value = 0;
    for (const char c : {digits[i], digits[i + 1]}) {
      const int nibble = c >= '0' && c <= '9'   ? c - '0'
                         : c >= 'a' && c <= 'f' ? c - 'a' + 10
                         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : -1;
      if (nibble < 0) return std::nullopt;
      value = value * 16 + nibble;
    }
    out.push_back(static_cast<unsigned char>(value));
  }
  return out;
}

struct IdentityFree {
  void operator()(NesKamusmIdentity* p) const noexcept {
    ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(p), ASN1_ITEM_rptr(NesKamusmIdentity));
  }
};

}  // namespace

std::optional<Identity> parse_identity(std::string_view header) {
  if (header.empty() || header.size() > 4096) return std::nullopt;
  const auto der = from_hex(header);
  if (!der) return std::nullopt;
  const unsigned char* in = der->data();
  std::unique_ptr<NesKamusmIdentity, IdentityFree> value(reinterpret_cast<NesKamusmIdentity*>(
      ASN1_item_d2i(nullptr, &in, static_cast<long>(der->size()), ASN1_ITEM_rptr(NesKamusmIdentity))));
  if (!value || in != der->data() + der->size()) return std::nullopt;
  std::uint64_t user_id = 0;
  std::int64_t iterations = 0;
  if (ASN1_INTEGER_get_uint64(&user_id, value->user_id) != 1 ||
      ASN1_INTEGER_get_int64(&iterations, value->iterations) != 1) {
    return std::nullopt;
  }
  Identity identity{user_id, bytes_of(value->salt), iterations, bytes_of(value->iv), bytes_of(value->encrypted)};
  if (identity.salt.size() != block || identity.iv.size() != block || identity.iterations < 1 ||
      identity.iterations > max_iterations || identity.encrypted.empty() || identity.encrypted.size() % block != 0) {
    return std::nullopt;
  }
  return identity;
}

bool proves(const Identity& identity, const SecretString& password, std::string_view hashed_message) {
  std::array<unsigned char, 32> key{};
  const auto secret = password.reveal();
  if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()),
                        reinterpret_cast<const unsigned char*>(identity.salt.data()),
                        static_cast<int>(identity.salt.size()), static_cast<int>(identity.iterations), EVP_sha256(),
                        static_cast<int>(key.size()), key.data()) != 1) {
    return false;
  }
  std::vector<unsigned char> plain(identity.encrypted.size() + block);
  int length = 0;
  int tail = 0;
  EVP_CIPHER_CTX* cipher = EVP_CIPHER_CTX_new();
  const bool decrypted = cipher != nullptr &&
                         EVP_DecryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.data(),
                                            reinterpret_cast<const unsigned char*>(identity.iv.data())) == 1 &&
                         EVP_DecryptUpdate(cipher, plain.data(), &length,
                                           reinterpret_cast<const unsigned char*>(identity.encrypted.data()),
                                           static_cast<int>(identity.encrypted.size())) == 1 &&
                         EVP_DecryptFinal_ex(cipher, plain.data() + length, &tail) == 1;
  EVP_CIPHER_CTX_free(cipher);
  OPENSSL_cleanse(key.data(), key.size());
  const auto size = static_cast<std::size_t>(length + tail);
  const bool same =
      decrypted && size == hashed_message.size() && CRYPTO_memcmp(plain.data(), hashed_message.data(), size) == 0;
  OPENSSL_cleanse(plain.data(), plain.size());
  return same;
}

}  // namespace nes::portal::tsa
