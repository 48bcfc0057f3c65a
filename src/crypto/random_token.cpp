#include "crypto/random_token.hpp"

#include "crypto/base64.hpp"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace nes::crypto {

SecretString random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  // A login without randomness would be guessable: no caller can recover from that.
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string text = base64url(raw.data(), raw.size());
  secure_wipe(raw.data(), raw.size());
  SecretString token(text);
  secure_wipe(text.data(), text.size());
  return token;
}

}  // namespace nes::crypto
