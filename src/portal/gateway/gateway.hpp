#pragma once
// The e-Devlet gateway of the reference portal, on its own listener (step 4):
// OAuth2 authorization code with PKCE (RFC 6749, RFC 7636). Logs people in
// against the personnel registry. Login transactions and codes are short-
// lived and kept in memory: a restart only means logging in again.

#include "portal/http/router.hpp"
#include "portal/limits/rate_limiter.hpp"
#include "portal/registry/personnel_registry.hpp"
#include "portal/store/database.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace nes::portal::gateway {

struct GatewayOptions {
  std::string client_id = "nes-portal";
  std::vector<std::string> redirect_uris;  ///< exact matches only
  std::chrono::seconds login_ttl{600};
  std::chrono::seconds code_ttl{60};
  std::chrono::seconds token_ttl{300};
  int logins_per_person = 0;  ///< credential posts per rate window; 0: unlimited
  int logins_per_address = 0;
  std::size_t max_open_logins = 10000;  ///< login transactions kept at once
};

class Gateway {
 public:
  /// Every login attempt is recorded in `audit` (masked T.C. Kimlik No).
  Gateway(const registry::PersonnelRegistry& people, store::Database& audit, limits::RateLimiter& limiter,
          GatewayOptions options);

  /// GET and POST /oauth2/authorize, POST /oauth2/token. The gateway must
  /// outlive the router.
  void add_routes(http::Router& router);

  /// Redeems an authorization code (the work of POST /oauth2/token). The
  /// portal runs in the same process as its gateway, so its back-channel
  /// call is this function; other clients use the endpoint.
  struct Redeemed {
    std::string tckn;   ///< set on success
    std::string error;  ///< OAuth2 error code on failure
    std::string detail;
  };
  Redeemed redeem(const std::string& code, std::string_view client_id, std::string_view redirect_uri,
                  std::string_view code_verifier);

 private:
  using Clock = std::chrono::steady_clock;
  struct LoginRequest {
    std::string cookie;
    std::string redirect_uri;
    std::string state;
    std::string code_challenge;
    Clock::time_point expires;
  };
  struct Grant {
    std::string tckn;
    std::string redirect_uri;
    std::string code_challenge;
    Clock::time_point expires;
  };

  http::Response authorize(http::RequestContext& ctx);
  http::Response login(http::RequestContext& ctx);
  http::Response token(http::RequestContext& ctx);
  void forget_expired(Clock::time_point now);  // with mutex_ held

  const registry::PersonnelRegistry& people_;
  store::Database& audit_;
  limits::RateLimiter& limiter_;
  GatewayOptions options_;
  registry::PasswordHash decoy_;  ///< checked for unknown people, so timing does not tell who exists
  std::mutex mutex_;
  std::map<std::string, LoginRequest> logins_;
  std::map<std::string, Grant> codes_;
};

}  // namespace nes::portal::gateway
