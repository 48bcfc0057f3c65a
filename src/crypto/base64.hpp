#pragma once
// Bytes as text: RFC 4648 base64 (Basic credentials, Repr-Digest) and its URL
// form without padding (PKCE, random tokens).

#include <cstddef>
#include <string>

namespace nes::crypto {

/// RFC 4648 base64 with padding.
std::string base64(const void* bytes, std::size_t size);
/// RFC 4648 base64url without padding.
std::string base64url(const void* bytes, std::size_t size);

}  // namespace nes::crypto
