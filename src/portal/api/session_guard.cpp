#include "portal/api/session_guard.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/cookies.hpp"
#include "portal/http/problem.hpp"

namespace nes::portal::api {

using http::bhttp::status;

Authentication authenticate(Services& services, const http::RequestContext& ctx, bool changes_state) {
  const std::string token = http::cookie_value(ctx.request, session_cookie);
  if (token.empty()) {
    return {std::nullopt, http::problem_response(ctx, status::unauthorized, "unauthenticated", "Log in first",
                                                 "no nes_session cookie")};
  }
  auto session = services.sessions.find(token);
  const registry::Person* person = session ? services.people.find(session->tckn) : nullptr;
  if (!session || session->expires_at_ms <= now_ms() || person == nullptr) {
    return {std::nullopt, http::problem_response(ctx, status::unauthorized, "session_expired",
                                                 "The session has expired", "log in again")};
  }
  if (changes_state) {
    const bool right = crypto::constant_time_equal(ctx.request["X-CSRF-Token"], session->csrf_token);
    if (!right || services.faults.reject_csrf()) {
      // The session's token comes back with the refusal, as ACME servers send
      // a fresh nonce with badNonce: a client recovers with one retry. Only
      // a caller that holds the cookie gets here, and a cross-site page
      // cannot read the answer.
      auto refusal = http::problem_response(ctx, status::forbidden, "csrf_rejected", "The CSRF token was not accepted",
                                            "send the request again with the X-CSRF-Token of this answer");
      refusal.set("X-CSRF-Token", session->csrf_token);
      return {std::nullopt, std::move(refusal)};
    }
  }
  return {Caller{token, std::move(*session), *person}, {}};
}

}  // namespace nes::portal::api
