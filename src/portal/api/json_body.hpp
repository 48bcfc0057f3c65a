#pragma once
// A request's JSON object body, read member by member with the SDK's JSON
// reader: malformed JSON, duplicates, wrong types and unknown members all
// come back as one 400 invalid_request listing them.

#include "json/json_read.hpp"
#include "portal/http/message.hpp"

#include <nes/secret.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::api {

using MemberReader = std::function<bool(detail::json::Reader&, std::string_view key, const boost::json::value& value,
                                        const std::string& path)>;

/// nullopt when the body was read; otherwise the refusal (415 for another
/// content type). `required` members that are missing are reported too.
std::optional<http::Response> read_json_body(const http::RequestContext& ctx,
                                             std::initializer_list<std::string_view> required,
                                             const MemberReader& on_member);

bool is_json(const http::Request& request);

/// A MemberReader for a body of one string member `name` that is a secret
/// (a T.C. Kimlik No, an SMS code): read into `out`, the copy wiped.
MemberReader secret_member(std::string_view name, SecretString& out);

}  // namespace nes::portal::api
