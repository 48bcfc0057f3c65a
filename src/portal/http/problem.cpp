#include "portal/http/problem.hpp"

#include <boost/json/serialize.hpp>

namespace nes::portal::http {

namespace {

constexpr std::string_view problem_type_base = "https://nes-sdk.invalid/problems/";

}  // namespace

Response response(const RequestContext& ctx, bhttp::status status, std::string_view content_type, std::string body) {
  Response res{status, ctx.request.version()};
  if (!content_type.empty()) res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Request-Id", ctx.request_id);
  res.keep_alive(ctx.request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response json_response(const RequestContext& ctx, bhttp::status status, const boost::json::value& body) {
  return response(ctx, status, "application/json", boost::json::serialize(body));
}

boost::json::array field_errors_json(const FieldErrors& errors) {
  boost::json::array list;
  for (const auto& e : errors) {
    list.push_back(
        {{"field", e.field}, {"code", to_string(e.code)}, {"message_tr", e.message_tr}, {"message_en", e.message_en}});
  }
  return list;
}

Response problem_response(const RequestContext& ctx, bhttp::status status, std::string_view code,
                          std::string_view title, std::string_view detail, const FieldErrors& errors,
                          const boost::json::object& extra) {
  boost::json::object body{
      {"type", std::string(problem_type_base) + std::string(code)},
      {"title", title},
      {"status", static_cast<int>(status)},
      {"code", code},
      {"request_id", ctx.request_id},
  };
  if (!detail.empty()) body["detail"] = detail;
  if (!errors.empty()) body["errors"] = field_errors_json(errors);
  for (const auto& member : extra) body[member.key()] = member.value();
  return response(ctx, status, "application/problem+json", boost::json::serialize(body));
}

}  // namespace nes::portal::http

namespace nes::portal::http {

Response retry_later(const RequestContext& ctx, std::string_view code, std::string_view title, std::int64_t seconds) {
  Response res =
      problem_response(ctx, bhttp::status::too_many_requests, code, title, {}, {}, {{"retry_after_seconds", seconds}});
  res.set(bhttp::field::retry_after, std::to_string(seconds));
  return res;
}

std::optional<Response> refuse_unless_signature(const RequestContext& ctx) {
  if (ctx.request[bhttp::field::content_type] == "application/pkcs7-signature") return std::nullopt;
  return problem_response(ctx, bhttp::status::unsupported_media_type, "unsupported_media_type",
                          "Send application/pkcs7-signature (CMS, DER)");
}

}  // namespace nes::portal::http
