// Suspending a certificate, lifting its suspension (Askıdan İndirme) and
// revoking it (Sertifikamı İptal Et): each asked for, then done when the SMS
// code sent to the application's phone confirms it (docs/adr/0016).

#include "portal/api/certificate_api.hpp"
#include "portal/api/certificate_confirmation.hpp"
#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/store/confirmation_store.hpp"

#include <array>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// The reasons a holder may give: not certificateHold (that is suspending),
// not removeFromCRL (that is lifting it), not the authorities' own.
constexpr std::array<std::string_view, 6> holder_reasons = {
    "unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation", "privilegeWithdrawn"};

bool is_holder_reason(std::string_view name) {
  for (const auto r : holder_reasons) {
    if (r == name) return true;
  }
  return false;
}

http::Response request_change(Services& services, http::RequestContext& ctx) {
  auto own = own_certificate(services, ctx);
  if (!own.certificate) return std::move(own.refusal);
  std::string action;
  std::string reason;
  if (auto refusal = read_json_body(
          ctx, {"action"},
          [&](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
            if (key == "action") {
              if (r.read(v, at, action) && action != "suspend" && action != "unsuspend" && action != "revoke") {
                r.report(at, ValidationCode::unknown_value, "suspend, unsuspend or revoke");
              }
              return true;
            }
            if (key == "reason") {
              if (r.read(v, at, reason) && !is_holder_reason(reason)) {
                r.report(at, ValidationCode::unknown_value, "an RFC 5280 reason a holder may give");
              }
              return true;
            }
            return false;
          })) {
    return std::move(*refusal);
  }
  if (!reason.empty() && action != "revoke") {
    return http::problem_response(ctx, status::bad_request, "invalid_request", "Only a revocation has a reason");
  }
  if (action == "revoke" && reason.empty()) reason = "unspecified";
  const std::int64_t now = now_ms();
  if (auto refusal = refuse_for_state(ctx, action, standing_of(services, *own.certificate, now).state)) {
    return std::move(*refusal);
  }
  boost::json::object extra{{"action", action}};
  if (!reason.empty()) extra["reason"] = reason;
  return ask_for_code(services, ctx, own, action, reason, std::move(extra));
}

// The change itself, once the code matched; false when the state moved meanwhile.
bool carry_out(Services& services, const store::ConfirmationRecord& change) {
  store::Revocation on_record;
  if (change.purpose == "suspend") {
    return services.certificate_status.suspend(issuing_authority, change.subject, on_record) ==
           store::RevocationStore::HoldOutcome::held;
  }
  if (change.purpose == "unsuspend")
    return services.certificate_status.lift_suspension(issuing_authority, change.subject);
  const auto reason = revocation::crl_reason_from_name(change.detail).value_or(0);
  return services.certificate_status.revoke(issuing_authority, change.subject, reason, on_record) ==
         revocation::CertificateStatus::Outcome::revoked;
}

http::Response confirm_change(Services& services, http::RequestContext& ctx) {
  auto own = own_certificate(services, ctx);
  if (!own.certificate) return std::move(own.refusal);
  auto confirmed = confirm_by_code(services, ctx, own, {"suspend", "unsuspend", "revoke"});
  if (!confirmed.record) return std::move(confirmed.refusal);
  const auto& after = confirmed.record;
  const std::int64_t now = now_ms();
  const std::string masked = own.caller->person.tckn.masked();
  // The state is checked again: another change may have been confirmed since this one was asked for.
  if (auto refusal = refuse_for_state(ctx, after->purpose, standing_of(services, *own.certificate, now).state)) {
    return std::move(*refusal);
  }
  if (!carry_out(services, *after)) {
    return http::problem_response(ctx, status::conflict, "certificate_changed", "The certificate changed meanwhile");
  }
  services.database.audit("certificate_" + after->purpose, masked,
                          after->id + " " + after->subject + (after->detail.empty() ? "" : " " + after->detail));
  return http::json_response(ctx, status::ok, certificate_json(services, *own.certificate, now_ms()));
}

}  // namespace

void add_certificate_change_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/certificates/{serial}/changes",
             [&services](http::RequestContext& ctx) { return request_change(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/certificates/{serial}/changes/{id}/confirm",
             [&services](http::RequestContext& ctx) { return confirm_change(services, ctx); });
}

}  // namespace nes::portal::api
