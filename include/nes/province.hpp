#pragma once
// Turkey's 81 provinces (il) with their plate codes, which are also the first
// two digits of every postal code in the province.

#include <nes/export.hpp>
#include <optional>
#include <span>
#include <string_view>

namespace nes {

/// One of Türkiye's 81 provinces, with its plate code.
struct NES_EXPORT Province {
  int code = 0;           ///< 1..81, the plate and postal prefix
  std::string_view name;  ///< canonical Turkish spelling, e.g. "İstanbul"

  friend bool operator==(const Province&, const Province&) = default;
};

/// All 81, ordered by code.
NES_EXPORT std::span<const Province> all_provinces() noexcept;

/// By plate code; nullopt outside 1..81.
NES_EXPORT std::optional<Province> province_by_code(int code) noexcept;

/// By name, ignoring case the Turkish way and Turkish diacritics, so
/// "İSTANBUL", "istanbul" and "Istanbul" all find İstanbul. Expects NFC.
NES_EXPORT std::optional<Province> find_province(std::string_view name) noexcept;

}  // namespace nes
