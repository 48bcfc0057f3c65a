#pragma once
// OAuth2 for native apps (RFC 7636, RFC 8252): the S256 challenge of a code
// verifier (the verifier and `state` are crypto::random_token()s).

#include <nes/secret.hpp>

#include <string>

namespace nes::client {

/// BASE64URL(SHA-256(verifier)), the code_challenge of method S256.
std::string s256_challenge(const SecretString& verifier);

}  // namespace nes::client
