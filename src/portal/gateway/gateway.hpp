#pragma once
// The e-Devlet gateway of the reference portal, on its own listener (step 4):
// OAuth2 authorization code with PKCE (RFC 6749, RFC 7636). Logs people in
// against the personnel registry. Login transactions and codes are short-
// lived and kept in memory: a restart only means logging in again.

#include "portal/approval/signature_check.hpp"
#include "portal/http/router.hpp"
#include "portal/limits/rate_limiter.hpp"
#include "portal/registry/personnel_registry.hpp"
#include "portal/store/database.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
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
  /// e-imza login (step 4's second method): a signature over the login's
  /// challenge, checked as an approval's is, to CAdES-BES; null: password only.
  const approval::SignatureChecker* signatures = nullptr;
  /// The problem code that keeps the signer's certificate (PEM) from logging
  /// in now ("signer_revoked", "certificate_suspended"), or empty.
  std::function<std::string(std::string_view certificate_pem)> signer_refusal{};
};

class Gateway {
 public:
  /// Every login attempt is recorded in `audit` (masked T.C. Kimlik No).
  Gateway(const registry::PersonnelRegistry& people, store::Database& audit, limits::RateLimiter& limiter,
          GatewayOptions options);

  /// GET and POST /oauth2/authorize, POST /oauth2/token, and with
  /// signatures GET /oauth2/esign/challenge and POST /oauth2/esign/login.
  /// The gateway must outlive the router.
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
    std::string challenge{};           ///< e-imza: the document to sign, once asked for
    std::int64_t challenge_at_ms = 0;  ///< when it was made (the signing time's floor)
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
  http::Response esign_challenge(http::RequestContext& ctx);
  http::Response esign_login(http::RequestContext& ctx);
  // The login request `id` begun by this browser (its gateway cookie), as it
  // stands once `update` (if any) has changed it under the gateway's lock.
  std::optional<LoginRequest> login_of(const http::RequestContext& ctx, const std::string& id,
                                       const std::function<void(LoginRequest&)>& update = {});
  // The login done: the code, and the redirect that carries it back.
  http::Response granted(const http::RequestContext& ctx, const std::string& id, const LoginRequest& login,
                         const std::string& tckn);
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
