#include "portal/api/json_body.hpp"

#include "portal/http/problem.hpp"

#include <algorithm>
#include <vector>

namespace nes::portal::api {

bool is_json(const http::Request& request) {
  const std::string_view type = request[http::bhttp::field::content_type];
  return type == "application/json" || type.starts_with("application/json;");
}

std::optional<http::Response> read_json_body(const http::RequestContext& ctx,
                                             std::initializer_list<std::string_view> required,
                                             const MemberReader& on_member) {
  if (!is_json(ctx.request)) {
    return http::problem_response(ctx, http::bhttp::status::unsupported_media_type, "unsupported_media_type",
                                  "Send application/json");
  }
  FieldErrors errors;
  std::vector<std::string_view> seen;
  detail::json::read_object_document(
      ctx.request.body(), errors, {}, [&](detail::json::Reader& r, const boost::json::object& top) {
        r.members(top, "", [&](std::string_view key, const boost::json::value& v, const std::string& at) {
          seen.push_back(key);
          return on_member(r, key, v, at);
        });
        // A repeated member is not missing: it is said once, as duplicate_field.
        auto repeated = [&](std::string_view name) {
          return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
            return e.field == name && e.code == ValidationCode::duplicate_field;
          });
        };
        for (const auto name : required) {
          if (std::find(seen.begin(), seen.end(), name) == seen.end() && !repeated(name)) {
            r.report(name, ValidationCode::required);
          }
        }
      });
  if (errors.empty()) return std::nullopt;
  return http::problem_response(ctx, http::bhttp::status::bad_request, "invalid_request",
                                "The request body cannot be accepted", {}, errors);
}

MemberReader secret_member(std::string_view name, SecretString& out) {
  return
      [name, &out](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
        if (key != name) return false;
        std::string text;
        if (r.read(v, at, text)) out.assign(text);
        secure_wipe(text.data(), text.size());
        return true;
      };
}

}  // namespace nes::portal::api
