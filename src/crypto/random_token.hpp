#pragma once
// Unguessable tokens: the OAuth2 state and code verifier, idempotency keys,
// the journal's keys.

#include <nes/secret.hpp>

#include <cstddef>

namespace nes::crypto {

/// `bytes` bytes from OpenSSL's CSPRNG, base64url without padding.
SecretString random_token(std::size_t bytes);

}  // namespace nes::crypto
