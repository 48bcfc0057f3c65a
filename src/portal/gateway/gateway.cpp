#include "portal/gateway/gateway.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/cookies.hpp"
#include "portal/http/form.hpp"
#include "portal/http/problem.hpp"

#include <nes/tckn.hpp>

#include <algorithm>

namespace nes::portal::gateway {

namespace {

using http::bhttp::status;
constexpr std::string_view cookie_name = "edk_gateway";

bool is_unreserved(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
  });
}

std::string field(const std::map<std::string, std::string>& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

bool is_form(const http::Request& request) {
  return std::string_view(request[http::bhttp::field::content_type]).starts_with("application/x-www-form-urlencoded");
}

http::Response bad_request(const http::RequestContext& ctx, std::string_view code, std::string_view detail) {
  return http::problem_response(ctx, status::bad_request, code, "The request cannot be accepted", detail);
}

}  // namespace

Gateway::Gateway(const registry::PersonnelRegistry& people, store::Database& audit, limits::RateLimiter& limiter,
                 GatewayOptions options)
    : people_(people),
      audit_(audit),
      limiter_(limiter),
      options_(std::move(options)),
      decoy_(registry::PasswordHash::make(crypto::random_token(), people.max_password_iterations())) {}

void Gateway::add_routes(http::Router& router) {
  router.add(http::bhttp::verb::get, "/oauth2/authorize", [this](http::RequestContext& ctx) { return authorize(ctx); });
  router.add(http::bhttp::verb::post, "/oauth2/authorize", [this](http::RequestContext& ctx) { return login(ctx); });
  router.add(http::bhttp::verb::post, "/oauth2/token", [this](http::RequestContext& ctx) { return token(ctx); });
  if (options_.signatures == nullptr) return;
  router.add(http::bhttp::verb::get, "/oauth2/esign/challenge",
             [this](http::RequestContext& ctx) { return esign_challenge(ctx); });
  router.add(http::bhttp::verb::post, "/oauth2/esign/login",
             [this](http::RequestContext& ctx) { return esign_login(ctx); });
}

void Gateway::forget_expired(Clock::time_point now) {
  std::erase_if(logins_, [&](const auto& entry) { return entry.second.expires <= now; });
  std::erase_if(codes_, [&](const auto& entry) { return entry.second.expires <= now; });
}

http::Response Gateway::authorize(http::RequestContext& ctx) {
  const auto query = http::parse_form(ctx.query);
  if (!query) return bad_request(ctx, "invalid_request", "the query string is malformed");
  const auto& q = *query;
  if (field(q, "response_type") != "code") {
    return bad_request(ctx, "unsupported_response_type", "response_type must be code");
  }
  if (!crypto::constant_time_equal(field(q, "client_id"), options_.client_id)) {
    return bad_request(ctx, "invalid_client", "unknown client_id");
  }
  const std::string redirect_uri = field(q, "redirect_uri");
  if (std::find(options_.redirect_uris.begin(), options_.redirect_uris.end(), redirect_uri) ==
      options_.redirect_uris.end()) {
    return bad_request(ctx, "invalid_redirect_uri", "redirect_uri is not registered for this client");
  }
  const std::string state = field(q, "state");
  if (state.size() < 16 || state.size() > 128 || !is_unreserved(state)) {
    return bad_request(ctx, "invalid_request", "state must be 16-128 unreserved characters");
  }
  const std::string challenge = field(q, "code_challenge");
  if (challenge.size() != 43 || !is_unreserved(challenge)) {
    return bad_request(ctx, "invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
  }
  if (field(q, "code_challenge_method") != "S256") {
    return bad_request(ctx, "invalid_request", "code_challenge_method must be S256");
  }

  const std::string id = "lr_" + crypto::random_token(16);
  const std::string cookie = crypto::random_token(32);
  {
    const std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    forget_expired(now);
    if (logins_.size() >= options_.max_open_logins) {
      return http::retry_later(ctx, "rate_limited", "Too many logins in progress; wait", options_.login_ttl.count());
    }
    logins_[id] = LoginRequest{cookie, redirect_uri, state, challenge, now + options_.login_ttl};
  }
  boost::json::array methods{"password"};
  if (options_.signatures != nullptr) methods.emplace_back("e_signature");
  auto res = http::json_response(ctx, status::ok, {{"login_request", id}, {"methods", std::move(methods)}});
  res.set(http::bhttp::field::set_cookie,
          std::string(cookie_name) + "=" + cookie + "; Secure; HttpOnly; SameSite=Lax; Path=/oauth2");
  return res;
}

http::Response Gateway::login(http::RequestContext& ctx) {
  if (!is_form(ctx.request)) {
    return http::problem_response(ctx, status::unsupported_media_type, "unsupported_media_type",
                                  "Send application/x-www-form-urlencoded");
  }
  auto form = http::parse_form(ctx.request.body());
  if (!form) return bad_request(ctx, "invalid_request", "the form is malformed");
  SecretString password(field(*form, "password"));
  const std::string tckn = field(*form, "tckn");
  const std::string id = field(*form, "login_request");
  for (auto& [name, value] : *form) secure_wipe(value.data(), value.size());

  // Before any work on the password: per person, then per address.
  std::int64_t wait = limiter_.acquire("login:person:" + tckn, options_.logins_per_person);
  if (wait == 0) wait = limiter_.acquire("login:address:" + ctx.client.to_string(), options_.logins_per_address);
  if (wait > 0) return http::retry_later(ctx, "rate_limited", "Too many login attempts; wait", wait);

  const auto login = login_of(ctx, id);
  if (!login) {
    return bad_request(ctx, "login_request_invalid", "unknown or expired login request, or missing gateway cookie");
  }
  const registry::Person* person = Tckn::is_valid(tckn) ? people_.find(tckn) : nullptr;
  bool verified = false;
  if (person != nullptr) {
    verified = person->password.verify(password.reveal());
  } else {
    (void)decoy_.verify(password.reveal());  // the same work as for a registered person
  }
  const auto valid_tckn = Tckn::parse(tckn);
  const std::string subject = valid_tckn ? valid_tckn->masked() : std::string("-");
  if (!verified) {
    audit_.audit("login_failed", subject, person == nullptr ? "unknown person" : "wrong password");
    return http::problem_response(ctx, status::unauthorized, "invalid_credentials",
                                  "T.C. Kimlik No or e-Devlet password is wrong");
  }
  audit_.audit("login_succeeded", subject);
  return granted(ctx, id, *login, tckn);
}

std::optional<Gateway::LoginRequest> Gateway::login_of(const http::RequestContext& ctx, const std::string& id,
                                                       const std::function<void(LoginRequest&)>& update) {
  const std::lock_guard lock(mutex_);
  forget_expired(Clock::now());
  const auto found = logins_.find(id);
  // The gateway cookie ties the credentials to the browser that started
  // the login (no login CSRF).
  if (found == logins_.end() ||
      !crypto::constant_time_equal(http::cookie_value(ctx.request, cookie_name), found->second.cookie)) {
    return std::nullopt;
  }
  if (update) update(found->second);
  return found->second;
}

http::Response Gateway::granted(const http::RequestContext& ctx, const std::string& id, const LoginRequest& login,
                                const std::string& tckn) {
  const std::string code = crypto::random_token(32);
  {
    const std::lock_guard lock(mutex_);
    logins_.erase(id);
    codes_[code] = Grant{tckn, login.redirect_uri, login.code_challenge, Clock::now() + options_.code_ttl};
  }
  auto res = http::response(ctx, status::found);
  const char joiner = login.redirect_uri.find('?') == std::string::npos ? '?' : '&';
  res.set(http::bhttp::field::location, login.redirect_uri + joiner + "code=" + code + "&state=" + login.state);
  res.set(http::bhttp::field::set_cookie,
          std::string(cookie_name) + "=; Max-Age=0; Secure; HttpOnly; SameSite=Lax; Path=/oauth2");
  return res;
}

http::Response Gateway::esign_challenge(http::RequestContext& ctx) {
  const auto query = http::parse_form(ctx.query);
  if (!query) return bad_request(ctx, "invalid_request", "the query string is malformed");
  const std::string id = field(*query, "login_request");
  // One challenge per login request: asked again, the same one.
  const auto login = login_of(ctx, id, [&id](LoginRequest& asked) {
    if (!asked.challenge.empty()) return;
    asked.challenge_at_ms = now_ms();
    asked.challenge = "e-Devlet Kapısı: e-imza ile giriş\nGiriş isteği: " + id +
                      "\nTek kullanımlık değer: " + crypto::random_token(24) +
                      "\nZaman: " + format_utc(asked.challenge_at_ms) + "\n";
  });
  if (!login) {
    return bad_request(ctx, "login_request_invalid", "unknown or expired login request, or missing gateway cookie");
  }
  auto res = http::response(ctx, status::ok, "text/plain; charset=utf-8", login->challenge);
  res.set(http::bhttp::field::cache_control, "no-store");
  return res;
}

http::Response Gateway::esign_login(http::RequestContext& ctx) {
  if (auto refusal = http::refuse_unless_signature(ctx)) return std::move(*refusal);
  const auto query = http::parse_form(ctx.query);
  if (!query) return bad_request(ctx, "invalid_request", "the query string is malformed");
  const std::string id = field(*query, "login_request");
  if (const auto wait = limiter_.acquire("login:address:" + ctx.client.to_string(), options_.logins_per_address)) {
    return http::retry_later(ctx, "rate_limited", "Too many login attempts; wait", wait);
  }
  const auto login = login_of(ctx, id);
  if (!login || login->challenge.empty()) {
    return bad_request(ctx, "login_request_invalid",
                       "unknown or expired login request, no challenge asked for, or missing gateway cookie");
  }
  const approval::SigningWindow window{.not_before_ms = login->challenge_at_ms, .now_ms = now_ms()};
  const auto result = options_.signatures->check(ctx.request.body(), login->challenge, {}, window);
  if (result.verdict != approval::Verdict::accepted) {
    audit_.audit("login_failed", "-", std::string("e-imza: ") + std::string(approval::to_string(result.verdict)));
    return http::problem_response(ctx, status::unauthorized, approval::to_string(result.verdict),
                                  "The e-imza login is not accepted", result.detail);
  }
  const auto tckn = Tckn::parse(result.signer_tckn);
  const registry::Person* person = tckn ? people_.find(result.signer_tckn) : nullptr;
  const std::string subject = tckn ? tckn->masked() : std::string("-");
  if (person == nullptr) {
    audit_.audit("login_failed", subject, "e-imza: unknown person");
    return http::problem_response(ctx, status::unauthorized, "invalid_credentials",
                                  "The certificate's holder has no e-Devlet record here");
  }
  if (options_.signer_refusal) {
    if (const std::string code = options_.signer_refusal(result.signer_certificate_pem); !code.empty()) {
      audit_.audit("login_failed", subject, "e-imza: " + code);
      return http::problem_response(ctx, status::unauthorized, code, "The certificate may not log in now",
                                    "it is revoked or suspended");
    }
  }
  audit_.audit("login_succeeded", subject, "e-imza");
  return granted(ctx, id, *login, result.signer_tckn);
}

http::Response Gateway::token(http::RequestContext& ctx) {
  if (!is_form(ctx.request)) {
    return http::problem_response(ctx, status::unsupported_media_type, "unsupported_media_type",
                                  "Send application/x-www-form-urlencoded");
  }
  const auto form = http::parse_form(ctx.request.body());
  if (!form) return bad_request(ctx, "invalid_request", "the form is malformed");
  if (field(*form, "grant_type") != "authorization_code") {
    return bad_request(ctx, "unsupported_grant_type", "grant_type must be authorization_code");
  }
  auto redeemed = redeem(field(*form, "code"), field(*form, "client_id"), field(*form, "redirect_uri"),
                         field(*form, "code_verifier"));
  if (!redeemed.error.empty()) return bad_request(ctx, redeemed.error, redeemed.detail);
  return http::json_response(ctx, status::ok,
                             {{"access_token", crypto::random_token(32)},
                              {"token_type", "Bearer"},
                              {"expires_in", options_.token_ttl.count()},
                              {"sub", redeemed.tckn}});
}

Gateway::Redeemed Gateway::redeem(const std::string& code, std::string_view client_id, std::string_view redirect_uri,
                                  std::string_view code_verifier) {
  Grant grant;
  {
    const std::lock_guard lock(mutex_);
    forget_expired(Clock::now());
    const auto found = codes_.find(code);
    if (found == codes_.end()) return {{}, "invalid_grant", "unknown, used or expired code"};
    grant = found->second;
    codes_.erase(found);  // a code works once, even when this attempt fails
  }
  if (!crypto::constant_time_equal(client_id, options_.client_id)) return {{}, "invalid_client", "unknown client_id"};
  if (redirect_uri != grant.redirect_uri) {
    return {{}, "invalid_grant", "redirect_uri differs from the authorization request"};
  }
  if (code_verifier.size() < 43 || code_verifier.size() > 128 || !is_unreserved(code_verifier) ||
      !crypto::constant_time_equal(crypto::pkce_s256(code_verifier), grant.code_challenge)) {
    return {{}, "invalid_grant", "code_verifier does not match the code_challenge"};
  }
  return {grant.tckn, {}, {}};
}

}  // namespace nes::portal::gateway
