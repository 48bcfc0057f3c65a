#pragma once
// Turkish-aware text helpers. All text is UTF-8; invalid UTF-8 is rejected,
// never repaired.

#include <nes/export.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace nes::text {

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values
/// above U+10FFFF).
NES_EXPORT bool is_valid_utf8(std::string_view s) noexcept;

/// Upper case with Turkish rules (i → İ, ı → I); nullopt for invalid UTF-8.
NES_EXPORT std::optional<std::string> to_upper_tr(std::string_view s);
/// Lower case with Turkish rules (I → ı, İ → i); nullopt for invalid UTF-8.
NES_EXPORT std::optional<std::string> to_lower_tr(std::string_view s);
/// Unicode NFC; nullopt for invalid UTF-8.
NES_EXPORT std::optional<std::string> to_nfc(std::string_view s);

}  // namespace nes::text
