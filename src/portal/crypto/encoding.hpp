#pragma once
// Encodings and random tokens the portal and its gateway share.

#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::crypto {

/// RFC 4648 base64 (with padding) and back; decode returns false on bad input.
std::string base64_encode(const std::vector<unsigned char>& bytes);
bool base64_decode(std::string_view text, std::vector<unsigned char>& out);

/// RFC 4648 §5 base64url without padding.
std::string base64url_encode(const std::vector<unsigned char>& bytes);

/// `bytes` from the CSPRNG, base64url: session ids, codes, CSRF tokens.
std::string random_token(std::size_t bytes = 32);

/// SHA-256 of `bytes`.
std::vector<unsigned char> sha256(std::string_view bytes);

/// Lowercase hexadecimal, as sha256sum writes a digest.
std::string hex_encode(std::string_view bytes);

/// `count` characters drawn uniformly from `alphabet` by the CSPRNG: SMS
/// codes ("0123456789") and application numbers.
std::string random_string(std::size_t count, std::string_view alphabet);

/// RFC 7636 S256: base64url(SHA-256(verifier)).
std::string pkce_s256(std::string_view code_verifier);

/// Equal strings, compared in constant time for equal lengths.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace nes::portal::crypto
