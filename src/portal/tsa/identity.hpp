#pragma once
// Kamu SM's `identity` header, as its time-stamp service reads it (the
// construction is in shared/flow.md and in the open-source clients): the
// hexadecimal form of the DER of
//   SEQUENCE { userId INTEGER, salt OCTET STRING (16), iterationCount INTEGER,
//              iv OCTET STRING (16), encrypted OCTET STRING }
// where `encrypted` is AES-256-CBC (PKCS#7 padding) of the request's hashed
// message under PBKDF2-HMAC-SHA256(password, salt, iterationCount, 32).

#include <nes/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::tsa {

struct Identity {
  std::uint64_t user_id = 0;
  std::string salt;
  std::int64_t iterations = 0;
  std::string iv;
  std::string encrypted;
};

/// The identity in `header`; nullopt when it is not that structure (odd hex
/// digits are read as a big integer's, with a leading zero).
std::optional<Identity> parse_identity(std::string_view header);

/// Whether `identity` proves the password: its `encrypted` decrypts, under
/// the key derived from `password`, to exactly `hashed_message`.
bool proves(const Identity& identity, const SecretString& password, std::string_view hashed_message);

}  // namespace nes::portal::tsa
