// Suspending a certificate, lifting its suspension (Askıdan İndirme) and
// revoking it (Sertifikamı İptal Et): each asked for, then done when the SMS
// code sent to the application's phone confirms it (docs/adr/0016).

#include "portal/api/certificate_api.hpp"
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

struct OwnCertificate {
  std::optional<Caller> caller;
  std::optional<store::CertificateRecord> certificate;
  http::Response refusal;
};

// The caller's certificate named in the path; 404 for another's, as for a missing one.
OwnCertificate own_certificate(Services& services, const http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return {std::nullopt, std::nullopt, std::move(auth.refusal)};
  const auto serial = revocation::normalized_serial(ctx.path_params.at(0));
  auto certificate = serial ? services.certificates.find(*serial) : std::nullopt;
  if (!certificate || certificate->tckn != auth.caller->session.tckn) {
    return {std::nullopt, std::nullopt,
            http::problem_response(ctx, status::not_found, "not_found", "No such certificate of yours")};
  }
  return {std::move(auth.caller), std::move(certificate), {}};
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
  const auto application = services.applications.find(own.certificate->application_id);
  if (!application) throw std::runtime_error("a certificate's application is missing");
  if (const auto wait = limit_sms(services, ctx, own.certificate->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many SMS codes; wait", wait);
  }
  auto issued = issue_code(services.otp, now);
  store::ConfirmationRecord record{.tckn = own.certificate->tckn,
                                   .purpose = action,
                                   .subject = own.certificate->serial,
                                   .detail = reason,
                                   .phone = application->phone,
                                   .otp = issued.record,
                                   .created_at_ms = now};
  record.id = services.confirmations.create(record);
  if (services.sms) services.sms(SmsMessage{record.phone, issued.code, record.id, format_utc(now)});
  services.database.audit("certificate_" + action + "_requested", own.caller->person.tckn.masked(),
                          record.id + " " + record.subject + (reason.empty() ? "" : " " + reason));
  boost::json::object body{{"id", record.id},
                           {"serial", record.subject},
                           {"action", action},
                           {"otp", otp_json(record.phone, record.otp, now)}};
  if (!reason.empty()) body["reason"] = reason;
  return http::json_response(ctx, status::accepted, std::move(body));
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
  SecretString code;
  if (auto refusal = read_json_body(ctx, {"code"}, secret_member("code", code))) return std::move(*refusal);
  if (auto refusal = refuse_unless_digits(services, ctx, code.reveal())) return std::move(*refusal);
  const auto pending = services.confirmations.find(ctx.path_params.at(1));
  if (!pending || pending->tckn != own.certificate->tckn || pending->subject != own.certificate->serial) {
    return http::problem_response(ctx, status::not_found, "not_found", "No such change of this certificate");
  }
  if (pending->confirmed_at_ms) {
    return http::problem_response(ctx, status::conflict, "change_confirmed", "The change was confirmed already");
  }
  if (const auto wait = limit_sms(services, ctx, own.certificate->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many tries; wait", wait);
  }
  const std::int64_t now = now_ms();
  std::optional<CodeCheck> check;
  const auto after = services.confirmations.modify(pending->id, [&](store::ConfirmationRecord& c) {
    if (c.confirmed_at_ms) return false;
    check = check_code(c.otp, code.reveal(), now);
    if (*check == CodeCheck::matched) c.confirmed_at_ms = now;
    return *check != CodeCheck::locked && *check != CodeCheck::expired;
  });
  const std::string masked = own.caller->person.tckn.masked();
  if (!check) return http::problem_response(ctx, status::conflict, "change_confirmed", "The change was confirmed");
  if (*check != CodeCheck::matched) {
    if (*check == CodeCheck::wrong) services.database.audit("otp_wrong", masked, after->id);
    return code_refusal(ctx, *check, after->otp.tries_left, "ask for the change again: a new code is sent");
  }
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
