#pragma once
// Kamu SM's `identity` header, which proves a time-stamp subscriber instead
// of HTTP authentication (shared/flow.md): the hexadecimal form of the DER of
//   SEQUENCE { userId INTEGER, salt OCTET STRING (16), iterationCount INTEGER (100),
//              iv OCTET STRING (the same 16 bytes), encrypted OCTET STRING }
// where `encrypted` is AES-256-CBC (PKCS#7 padding) of the request's hashed
// message under PBKDF2-HMAC-SHA256(password, salt, 100, 32 bytes).

#include <nes/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::timestamp {

/// The header's value for `customer` proving `password` over
/// `hashed_message` (a query's imprint digest, or a credit query's SHA-1);
/// nullopt when OpenSSL fails. The key is wiped before it returns.
std::optional<std::string> make_identity(std::uint64_t customer, const SecretString& password,
                                         std::string_view hashed_message);

}  // namespace nes::timestamp
