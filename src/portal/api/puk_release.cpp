// PIN Oluşturma/Kilit Çözme, the portal's side (docs/adr/0016): the card's
// PUK released to its holder once, after the security word of the
// application and an SMS code to the application's phone.

#include "portal/api/certificate_api.hpp"
#include "portal/api/certificate_confirmation.hpp"
#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/registry/password_hash.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

constexpr std::string_view release_purpose = "release_puk";

std::optional<http::Response> refuse_released(const http::RequestContext& ctx,
                                              const store::CertificateRecord& certificate) {
  if (!certificate.puk_released_at_ms) return std::nullopt;
  return http::problem_response(
      ctx, status::conflict, "puk_released", "The card's PUK was released before",
      "released at " + format_utc(*certificate.puk_released_at_ms) + "; Kamu SM's office helps with a lost one");
}

http::Response request_puk(Services& services, http::RequestContext& ctx) {
  auto own = own_certificate(services, ctx);
  if (!own.certificate) return std::move(own.refusal);
  SecretString word;
  if (auto refusal = read_json_body(ctx, {"security_word"}, secret_member("security_word", word))) {
    return std::move(*refusal);
  }
  const auto& certificate = *own.certificate;
  if (auto refusal = refuse_for_state(ctx, "release_puk", standing_of(services, certificate, now_ms()).state)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_released(ctx, certificate)) return std::move(*refusal);
  const auto application = services.applications.find(certificate.application_id);
  const auto hash = application && application->security_word_hash
                        ? registry::PasswordHash::from_text(*application->security_word_hash)
                        : std::nullopt;
  if (!hash) {
    return http::problem_response(ctx, status::conflict, "no_security_word", "The application set no security word",
                                  "Kamu SM's office releases the PUK on sight of the identity card");
  }
  const std::string masked = own.caller->person.tckn.masked();
  if (certificate.security_word_tries_left <= 0) {
    return http::problem_response(ctx, status::conflict, "security_word_locked",
                                  "The security word was wrong too often", "Kamu SM's office releases the PUK");
  }
  if (!hash->verify(word.reveal())) {
    const int left = services.certificates.miss_security_word(certificate.serial);
    services.database.audit("security_word_wrong", masked, certificate.serial);
    if (left == 0) {
      return http::problem_response(ctx, status::conflict, "security_word_locked",
                                    "The security word was wrong too often", "Kamu SM's office releases the PUK");
    }
    return http::problem_response(ctx, status::unprocessable_entity, "security_word_incorrect",
                                  "The security word is not the application's", {}, {}, {{"tries_left", left}});
  }
  return ask_for_code(services, ctx, own, std::string(release_purpose), {}, {});
}

http::Response puk_answer(const http::RequestContext& ctx, const std::string& serial, const SecretString& puk) {
  auto res = http::json_response(ctx, status::ok, {{"serial", serial}, {"puk", puk.reveal()}});
  res.set(http::bhttp::field::cache_control, "no-store");
  return res;
}

// A lost answer: the confirmation that released the PUK, sent again with its
// code while the code lives, gives it again; anything else is puk_released.
http::Response released_again(Services& services, http::RequestContext& ctx, const OwnCertificate& own) {
  SecretString code;
  if (auto refusal = read_json_body(ctx, {"code"}, secret_member("code", code))) return std::move(*refusal);
  if (const auto wait = limit_sms(services, ctx, own.certificate->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many tries; wait", wait);
  }
  const auto pending = services.confirmations.find(ctx.path_params.at(1));
  const bool the_release = pending && pending->purpose == release_purpose && pending->confirmed_at_ms &&
                           pending->tckn == own.certificate->tckn && pending->subject == own.certificate->serial &&
                           now_ms() < pending->otp.expires_at_ms && code_matches(pending->otp, code.reveal());
  if (!the_release) return *refuse_released(ctx, *own.certificate);
  services.database.audit("puk_released_again", own.caller->person.tckn.masked(), own.certificate->serial);
  return puk_answer(ctx, own.certificate->serial, own.certificate->puk);
}

http::Response confirm_puk(Services& services, http::RequestContext& ctx) {
  auto own = own_certificate(services, ctx);
  if (!own.certificate) return std::move(own.refusal);
  if (own.certificate->puk_released_at_ms) return released_again(services, ctx, own);
  auto confirmed = confirm_by_code(services, ctx, own, {release_purpose});
  if (!confirmed.record) return std::move(confirmed.refusal);
  auto puk = services.certificates.release_puk(own.certificate->serial, now_ms());
  if (!puk) {
    return http::problem_response(ctx, status::conflict, "puk_released", "The card's PUK was released meanwhile");
  }
  services.database.audit("puk_released", own.caller->person.tckn.masked(), own.certificate->serial);
  return puk_answer(ctx, own.certificate->serial, *puk);
}

}  // namespace

void add_puk_release_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/certificates/{serial}/puk",
             [&services](http::RequestContext& ctx) { return request_puk(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/certificates/{serial}/puk/{id}/confirm",
             [&services](http::RequestContext& ctx) { return confirm_puk(services, ctx); });
}

}  // namespace nes::portal::api
