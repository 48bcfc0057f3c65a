#include "client/pkce.hpp"

#include "net/ascii.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace nes::client {

namespace {

void to_base64url(std::string& text) {
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!text.empty() && text.back() == '=') text.pop_back();
}

}  // namespace

SecretString random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  // A login without randomness would be guessable: no caller can recover from that.
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string text = net::base64(raw.data(), raw.size());
  secure_wipe(raw.data(), raw.size());
  to_base64url(text);
  SecretString token(text);
  secure_wipe(text.data(), text.size());
  return token;
}

std::string s256_challenge(const SecretString& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(verifier.reveal().data(), verifier.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::string text = net::base64(digest, length);
  to_base64url(text);
  return text;
}

}  // namespace nes::client
