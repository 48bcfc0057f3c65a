#pragma once
// Who is calling: the portal session from the nes_session cookie, and for
// state-changing requests the CSRF token in X-CSRF-Token.

#include "portal/api/services.hpp"
#include "portal/http/message.hpp"

#include <optional>
#include <string>

namespace nes::portal::api {

inline constexpr std::string_view session_cookie = "nes_session";

struct Caller {
  std::string token;  ///< the session token (the cookie's value)
  store::SessionRecord session;
  const registry::Person& person;
};

struct Authentication {
  std::optional<Caller> caller;  ///< set when the request may go on
  http::Response refusal;        ///< otherwise: 401 unauthenticated or session_expired, 403 csrf_rejected
};

/// `changes_state`: POST, DELETE; these must carry the session's CSRF token.
/// A refusal carries the session's token in X-CSRF-Token.
Authentication authenticate(Services& services, const http::RequestContext& ctx, bool changes_state);

}  // namespace nes::portal::api
