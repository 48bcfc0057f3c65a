#pragma once
// OAuth2 for native apps (RFC 7636, RFC 8252): the code verifier, its S256
// challenge, and the unguessable `state` that ties a redirect to its login.

#include <nes/secret.hpp>

#include <string>

namespace nes::client {

/// `bytes` bytes from OpenSSL's CSPRNG, base64url without padding.
SecretString random_token(std::size_t bytes);

/// BASE64URL(SHA-256(verifier)), the code_challenge of method S256.
std::string s256_challenge(const SecretString& verifier);

}  // namespace nes::client
