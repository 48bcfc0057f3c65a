#include "portal/institution/access_code.hpp"

#include "portal/crypto/encoding.hpp"

#include <algorithm>

namespace nes::portal::institution {

namespace {

constexpr std::string_view alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr std::size_t code_length = 10;

}  // namespace

SecretString new_access_code() {
  std::string code = crypto::random_string(code_length, alphabet);
  code.insert(code_length / 2, 1, '-');
  SecretString out(code);
  secure_wipe(code.data(), code.size());
  return out;
}

std::optional<SecretString> normalized_access_code(std::string_view typed) {
  std::string code;
  for (const char c : typed) {
    if (c == '-' || c == ' ') continue;
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (alphabet.find(upper) == std::string_view::npos || code.size() == code_length) {
      secure_wipe(code.data(), code.size());
      return std::nullopt;
    }
    code.push_back(upper);
  }
  if (code.size() != code_length) {
    secure_wipe(code.data(), code.size());
    return std::nullopt;
  }
  SecretString out(code);
  secure_wipe(code.data(), code.size());
  return out;
}

std::string access_code_hash(std::string_view request_id, const SecretString& normalized) {
  std::string salted = std::string(request_id) + ":" + std::string(normalized.reveal());
  std::string hash = crypto::base64url_encode(crypto::sha256(salted));
  secure_wipe(salted.data(), salted.size());
  return hash;
}

}  // namespace nes::portal::institution
