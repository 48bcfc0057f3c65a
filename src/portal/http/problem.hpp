#pragma once
// Responses in the protocol's shapes: JSON bodies and RFC 9457 problems.

#include "portal/http/message.hpp"

#include <nes/field_error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::http {

/// A response with the request's version and keep-alive, no-store and the
/// request id; a content type and body when given. Callers add their own
/// headers (Location, Set-Cookie) to it.
Response response(const RequestContext& ctx, bhttp::status status, std::string_view content_type = {},
                  std::string body = {});

/// A JSON response with the request's keep-alive and version.
Response json_response(const RequestContext& ctx, bhttp::status status, const boost::json::value& body);

/// FieldErrors as the protocol's FieldError objects: field, code, message_tr, message_en.
boost::json::array field_errors_json(const FieldErrors& errors);

/// An application/problem+json response: type, title, status, code, detail,
/// request_id, plus `errors` when given and the `extra` members (tries_left,
/// retry_after_seconds, application_id).
Response problem_response(const RequestContext& ctx, bhttp::status status, std::string_view code,
                          std::string_view title, std::string_view detail = {}, const FieldErrors& errors = {},
                          const boost::json::object& extra = {});

/// 415 unsupported_media_type unless the body is a detached CMS signature
/// (application/pkcs7-signature, DER), as every signature upload must be.
std::optional<Response> refuse_unless_signature(const RequestContext& ctx);

/// 429 rate_limited (or another code) with Retry-After and retry_after_seconds.
Response retry_later(const RequestContext& ctx, std::string_view code, std::string_view title, std::int64_t seconds);

}  // namespace nes::portal::http
