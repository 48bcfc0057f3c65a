// Step 11: POST …/otp/verify and …/otp/resend.

#include "portal/api/application_api.hpp"
#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/own_application.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/approval/approval_document.hpp"
#include "portal/clock.hpp"

#include <nes/form_json.hpp>

#include <algorithm>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// The bytes to sign are fixed when the code is verified, from the stored
// (normalised) form.
std::string approval_document(const Services& services, const store::ApplicationRecord& a, std::int64_t now) {
  auto decoded = decode_form_json(a.form_json);
  const Institution* institution = services.institution(a.institution_id);
  if (!decoded.form || institution == nullptr) throw std::runtime_error("a stored application cannot be read");
  const std::string date = format_utc(now).substr(0, 10);
  return approval::make_approval_document(*decoded.form, {a.id, date, *institution, a.fee});
}

http::Response verify(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  SecretString code;
  if (auto refusal = read_json_body(ctx, {"code"}, secret_member("code", code))) return std::move(*refusal);
  const auto digits = code.reveal();
  if (auto refusal = refuse_unless_digits(services, ctx, digits)) return std::move(*refusal);
  if (const auto wait = limit_sms(services, ctx, own.application->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many tries; wait", wait);
  }
  const std::int64_t now = now_ms();
  std::optional<CodeCheck> check;
  ApplicationStatus status_then = own.application->status;
  const auto after = services.applications.modify(own.application->id, [&](store::ApplicationRecord& a) {
    status_then = a.status;
    if (a.status != ApplicationStatus::otp_pending) return false;
    check = check_code(a.otp, digits, now);
    if (*check == CodeCheck::matched) {
      a.status = next_status(a.status, LifecycleEvent::otp_verified).value();
      a.document = approval_document(services, a, now);
    }
    return *check != CodeCheck::locked && *check != CodeCheck::expired;
  });
  if (!check) return invalid_transition(ctx, status_then, "verifying a code");
  const std::string masked = own.caller->person.tckn.masked();
  if (*check == CodeCheck::matched) {
    services.database.audit("otp_verified", masked, after->id);
    return http::json_response(ctx, status::ok, application_json(*after, now));
  }
  if (*check == CodeCheck::wrong) services.database.audit("otp_wrong", masked, after->id);
  if (*check == CodeCheck::locked_now) services.database.audit("otp_locked", masked, after->id);
  return code_refusal(ctx, *check, after->otp.tries_left, "ask for a new code (resend)");
}

http::Response resend(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  const std::int64_t now = now_ms();
  if (own.application->status == ApplicationStatus::otp_pending && now < own.application->otp.resend_after_ms) {
    const std::int64_t wait = (own.application->otp.resend_after_ms - now + 999) / 1000;
    return http::retry_later(ctx, "otp_resend_too_early", "Too early for a new code", wait);
  }
  if (const auto wait = limit_sms(services, ctx, own.application->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many SMS codes; wait", wait);
  }
  auto issued = issue_code(services.otp, now);
  std::int64_t too_early_ms = 0;
  ApplicationStatus status_then = own.application->status;
  const auto after = services.applications.modify(own.application->id, [&](store::ApplicationRecord& a) {
    status_then = a.status;
    if (a.status != ApplicationStatus::otp_pending) return false;
    if (now < a.otp.resend_after_ms) {  // another resend won the race
      too_early_ms = a.otp.resend_after_ms - now;
      return false;
    }
    a.otp = issued.record;  // the new code replaces the old one; tries start again
    return true;
  });
  if (status_then != ApplicationStatus::otp_pending) return invalid_transition(ctx, status_then, "a new code");
  if (too_early_ms > 0) {
    return http::retry_later(ctx, "otp_resend_too_early", "Too early for a new code", (too_early_ms + 999) / 1000);
  }
  send_code(services, *after, issued.code);
  services.database.audit("otp_resent", own.caller->person.tckn.masked(), after->id);
  return http::json_response(ctx, status::accepted, otp_json(*after, now));
}

}  // namespace

void add_otp_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/otp/verify",
             [&services](http::RequestContext& ctx) { return verify(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/otp/resend",
             [&services](http::RequestContext& ctx) { return resend(services, ctx); });
}

}  // namespace nes::portal::api
