#include "portal/api/certificate_api.hpp"

#include "portal/api/session_guard.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/issuance/renewal_window.hpp"

#include <boost/json/array.hpp>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

boost::json::object certificate_json(const Services& services, const store::CertificateRecord& c, std::int64_t now) {
  boost::json::object out{{"serial", c.serial},
                          {"application_id", c.application_id},
                          {"common_name", c.common_name},
                          {"not_before", format_utc(c.not_before_ms)},
                          {"not_after", format_utc(c.not_after_ms)},
                          {"renewal_from", format_utc(issuance::renewal_from_ms(c.not_after_ms))},
                          {"certificate_pem", c.certificate_pem}};
  const auto revocation = services.certificate_status.revocation_of("esign", c.serial);
  if (revocation) {
    out["status"] = "revoked";
    out["revoked_at"] = format_utc(revocation->revoked_at_ms);
    out["revocation_reason"] = revocation::crl_reason_name(revocation->reason);
  } else {
    out["status"] = now > c.not_after_ms ? "expired" : "active";
  }
  return out;
}

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

void add_certificate_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::get, "/api/v1/certificates",
             [&services](http::RequestContext& ctx) { return list_mine(services, ctx); });
}

}  // namespace nes::portal::api
