#include "portal/api/auth_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

std::string cookie(const Services& services, std::string_view value, int max_age) {
  std::string text = std::string(session_cookie) + "=" + std::string(value) +
                     "; Path=/api; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict";
  if (services.secure_cookies) text += "; Secure";
  return text;
}

http::Response open_session(Services& services, http::RequestContext& ctx) {
  std::string code;
  std::string verifier;
  std::string redirect_uri;
  if (auto refusal = read_json_body(
          ctx, {"code", "code_verifier", "redirect_uri"},
          [&](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
            if (key == "code") return r.read(v, at, code), true;
            if (key == "code_verifier") return r.read(v, at, verifier), true;
            if (key == "redirect_uri") return r.read(v, at, redirect_uri), true;
            return false;
          })) {
    return std::move(*refusal);
  }
  const auto redeemed = services.gateway.redeem(code, services.client_id, redirect_uri, verifier);
  if (!redeemed.error.empty()) {
    return http::problem_response(ctx, status::unauthorized, redeemed.error, "The login cannot be completed",
                                  redeemed.detail);
  }
  const registry::Person* person = services.people.find(redeemed.tckn);
  if (person == nullptr) {
    return http::problem_response(ctx, status::unauthorized, "invalid_grant", "The login cannot be completed");
  }
  const std::int64_t now = now_ms();
  services.sessions.forget_expired(now);
  const store::SessionRecord session{redeemed.tckn, crypto::random_token(24),
                                     now + std::int64_t{services.session_ttl_seconds} * 1000};
  const std::string token = services.sessions.create(session);
  services.database.audit("session_opened", person->tckn.masked());
  auto res = http::json_response(ctx, status::created,
                                 {{"csrf_token", session.csrf_token},
                                  {"expires_at", format_utc(session.expires_at_ms)},
                                  {"person",
                                   {{"first_name", person->first_name},
                                    {"last_name", person->last_name},
                                    {"tckn_masked", person->tckn.masked()}}}});
  res.set(http::bhttp::field::set_cookie, cookie(services, token, services.session_ttl_seconds));
  return res;
}

http::Response close_session(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  services.sessions.remove(auth.caller->token);
  services.database.audit("session_closed", auth.caller->person.tckn.masked());
  auto res = http::response(ctx, status::no_content);
  res.set(http::bhttp::field::set_cookie, cookie(services, "", 0));
  return res;
}

}  // namespace

void add_auth_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/auth/session",
             [&services](http::RequestContext& ctx) { return open_session(services, ctx); });
  router.add(http::bhttp::verb::delete_, "/api/v1/auth/session",
             [&services](http::RequestContext& ctx) { return close_session(services, ctx); });
}

}  // namespace nes::portal::api
