#pragma once
// The small text helpers HTTP needs: header names and host names compare
// without case (ASCII only), and credentials and digests travel as base64.

#include <cstddef>
#include <string>
#include <string_view>

namespace nes::net {

bool iequals(std::string_view a, std::string_view b) noexcept;
std::string ascii_lower(std::string_view s);
/// RFC 4648 base64 with padding.
std::string base64(const void* bytes, std::size_t size);

}  // namespace nes::net
