#pragma once
// What the SDK's log may show of an exchange: allow-listed headers and JSON
// members only. Everything else is masked, so that a T.C. Kimlik No, a
// password, an SMS code, a cookie, a CSRF token or an OAuth2 code cannot
// reach a log, whatever the portal sends.

#include <string>
#include <string_view>

namespace nes::net {

/// "Name: value" for an allow-listed header, "Name: ***" for any other.
std::string redact_header(std::string_view name, std::string_view value);

/// A JSON body with every string value masked unless its member is
/// allow-listed (a problem's `code` only in application/problem+json, where
/// it is not an SMS code); other bodies as their size.
std::string redact_body(std::string_view content_type, std::string_view body);

}  // namespace nes::net
