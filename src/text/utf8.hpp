#pragma once
// Strict UTF-8 decoding (RFC 3629): no overlongs, no surrogates, nothing
// above U+10FFFF. Invalid input is reported, never replaced.

#include <cstddef>
#include <string>
#include <string_view>

namespace nes::detail::utf8 {

inline constexpr char32_t invalid = 0xFFFFFFFF;

/// Decodes the code point starting at s[pos] and advances pos past it; on an
/// invalid sequence returns `invalid` and advances pos by one byte.
char32_t decode(std::string_view s, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of a valid code point.
void append(std::string& out, char32_t cp);

/// Number of code points in valid UTF-8.
std::size_t length(std::string_view s) noexcept;

/// "U+00A0"
std::string code_point_name(char32_t cp);

}  // namespace nes::detail::utf8
