#include "portal/api/certificate_api.hpp"

#include "portal/api/session_guard.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/issuance/renewal_window.hpp"

#include <boost/json/array.hpp>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

http::Response list_mine(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, false);
  if (!auth.caller) return std::move(auth.refusal);
  const std::int64_t now = now_ms();
  boost::json::array list;
  for (const auto& c : services.certificates.of_person(auth.caller->session.tckn)) {
    list.push_back(certificate_json(services, c, now));
  }
  return http::json_response(ctx, status::ok, {{"certificates", std::move(list)}});
}

}  // namespace

CertificateStanding standing_of(const Services& services, const store::CertificateRecord& certificate,
                                std::int64_t now_ms) {
  auto on_record = services.certificate_status.revocation_of(issuing_authority, certificate.serial);
  if (on_record) {
    const bool held = on_record->reason == store::certificate_hold;
    return {held ? CertificateState::suspended : CertificateState::revoked, std::move(on_record)};
  }
  return {now_ms > certificate.not_after_ms ? CertificateState::expired : CertificateState::active, std::nullopt};
}

std::optional<http::Response> refuse_for_state(const http::RequestContext& ctx, std::string_view action,
                                               CertificateState state) {
  const bool held_or_not = action == "revoke" || action == "release_puk";
  const bool allowed = action == "unsuspend" ? state == CertificateState::suspended
                       : held_or_not         ? state == CertificateState::active || state == CertificateState::suspended
                                             : state == CertificateState::active;
  if (allowed) return std::nullopt;
  if (state == CertificateState::revoked) {
    return http::problem_response(ctx, status::conflict, "certificate_revoked", "The certificate is revoked",
                                  "a revocation is final");
  }
  if (state == CertificateState::expired) {
    return http::problem_response(ctx, status::conflict, "certificate_expired", "The certificate has expired");
  }
  if (action == "unsuspend") {
    return http::problem_response(ctx, status::conflict, "certificate_not_suspended",
                                  "The certificate is not suspended");
  }
  return http::problem_response(ctx, status::conflict, "certificate_suspended", "The certificate is suspended",
                                "lift the suspension first");
}

boost::json::object certificate_json(const Services& services, const store::CertificateRecord& c, std::int64_t now) {
  boost::json::object out{{"serial", c.serial},
                          {"application_id", c.application_id},
                          {"common_name", c.common_name},
                          {"not_before", format_utc(c.not_before_ms)},
                          {"not_after", format_utc(c.not_after_ms)},
                          {"renewal_from", format_utc(issuance::renewal_from_ms(c.not_after_ms))},
                          {"certificate_pem", c.certificate_pem}};
  const auto standing = standing_of(services, c, now);
  out["status"] = to_string(standing.state);
  if (standing.state == CertificateState::revoked) {
    out["revoked_at"] = format_utc(standing.on_record->revoked_at_ms);
    out["revocation_reason"] = revocation::crl_reason_name(standing.on_record->reason);
  } else if (standing.state == CertificateState::suspended) {
    out["suspended_at"] = format_utc(standing.on_record->revoked_at_ms);
  }
  return out;
}

void add_certificate_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::get, "/api/v1/certificates",
             [&services](http::RequestContext& ctx) { return list_mine(services, ctx); });
}

}  // namespace nes::portal::api
