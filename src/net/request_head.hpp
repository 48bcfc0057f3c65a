#pragma once
// A request as HTTP/1.1 puts it on the wire: request line, Host, User-Agent,
// the request's headers, Content-Length, and the body, in one buffer that is
// written with one TLS record where it fits. Written here rather than by
// Beast's serializer, which cost a tenth of the client's CPU a flow in
// buffer-sequence adaptors and a copy into a flat buffer (ADR 0009); Beast
// still reads every answer.

#include "net/url.hpp"

#include <nes/transport.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes::net {

/// False when `request` cannot be sent as it is: a method or header name that
/// is not an HTTP token, a CR, LF or NUL in a header value (which would start
/// a header of its own), or a Content-Length or Transfer-Encoding of the
/// caller's (the transport frames the body).
bool is_sendable(const HttpRequest& request, std::string_view user_agent);

/// The request for `url` (its parsed URL), or nullopt when it is not
/// sendable. A header repeated by name is sent once, with its last value,
/// and a Host or User-Agent header replaces the transport's own. The buffer
/// holds the body, which may be a secret: wipe it after use.
std::optional<std::string> write_request(const HttpRequest& request, const Url& url, std::string_view user_agent);

}  // namespace nes::net
