#pragma once
// The HR desk's request bodies and queries: application/x-www-form-urlencoded
// (Boost.URL decodes it) and multipart/form-data (RFC 7578), whose parts
// this reads itself: a boundary, each part's Content-Disposition name, its
// bytes. A malformed one is no form; nothing is guessed.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace nes::hr_desk {

/// The fields of a form, by name; a repeated name keeps its first value.
/// Uploaded files are fields too (their content).
using FormFields = std::map<std::string, std::string, std::less<>>;

/// An urlencoded body or query; nullopt when it is not one.
std::optional<FormFields> read_urlencoded(std::string_view text);

/// A multipart/form-data body of `content_type` ("multipart/form-data;
/// boundary=…"); nullopt when it is not well formed.
std::optional<FormFields> read_multipart(std::string_view content_type, std::string_view body);

/// Wipes every value (they may hold a password or a PIN).
void wipe(FormFields& fields);

}  // namespace nes::hr_desk
