#pragma once
// Responses in the protocol's shapes: JSON bodies and RFC 9457 problems.

#include "portal/http/message.hpp"

#include <nes/field_error.hpp>

#include <boost/json/value.hpp>

#include <string_view>

namespace nes::portal::http {

/// A JSON response with the request's keep-alive and version.
Response json_response(const RequestContext& ctx, bhttp::status status, const boost::json::value& body);

/// An application/problem+json response: type, title, status, code, detail,
/// request_id, plus `errors` when given.
Response problem_response(const RequestContext& ctx, bhttp::status status, std::string_view code,
                          std::string_view title, std::string_view detail = {}, const FieldErrors& errors = {});

}  // namespace nes::portal::http
