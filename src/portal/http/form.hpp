#pragma once
// application/x-www-form-urlencoded bodies and query strings, decoded with
// Boost.URL ('+' is a space).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::http {

/// The decoded name/value pairs; nullopt for malformed encoding or a name
/// given twice (ambiguous, so refused rather than guessed).
std::optional<std::map<std::string, std::string>> parse_form(std::string_view encoded);

}  // namespace nes::portal::http
