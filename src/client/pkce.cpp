#include "client/pkce.hpp"

#include "crypto/base64.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace nes::client {

std::string s256_challenge(const SecretString& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(verifier.reveal().data(), verifier.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return crypto::base64url(digest, length);
}

}  // namespace nes::client
