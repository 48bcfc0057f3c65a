#include "portal/api/renewal.hpp"

#include "portal/api/certificate_api.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/issuance/renewal_window.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// PEM texts compared without the line ends and padding a writer may add.
std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::optional<http::Response> refuse_renewal(const Services& services, const http::RequestContext& ctx,
                                             const Caller& caller, std::string_view serial, std::int64_t now_ms) {
  const auto certificate = services.certificates.find(serial);
  if (!certificate || certificate->tckn != caller.session.tckn) {
    return http::problem_response(ctx, status::unprocessable_entity, "renewed_certificate_not_found",
                                  "No such certificate of yours to renew", "renews: see GET /api/v1/certificates");
  }
  if (auto refusal = refuse_for_state(ctx, "renew", standing_of(services, *certificate, now_ms).state)) {
    return refusal;
  }
  const std::int64_t opens = issuance::renewal_from_ms(certificate->not_after_ms);
  if (now_ms < opens) {
    return http::problem_response(ctx, status::unprocessable_entity, "renewal_not_due",
                                  "The certificate cannot be renewed yet", "renewal opens at " + format_utc(opens), {},
                                  {{"renewal_from", format_utc(opens)}});
  }
  if (certificate->common_name != caller.person.full_name()) {
    return http::problem_response(ctx, status::unprocessable_entity, "update_required",
                                  "The identity record changed since the certificate was issued",
                                  "the certificate's contents cannot be renewed unchanged: apply for an update");
  }
  return std::nullopt;
}

std::optional<http::Response> refuse_renewal_approval(const Services& services, const http::RequestContext& ctx,
                                                      const store::ApplicationRecord& application,
                                                      std::string_view signer_pem, std::int64_t now_ms) {
  if (!application.renews) return std::nullopt;
  if (signer_pem.empty()) {
    return http::problem_response(ctx, status::unprocessable_entity, "e_signature_required",
                                  "A renewal is approved by e-imza with the certificate it renews");
  }
  const auto certificate = services.certificates.find(*application.renews);
  if (!certificate || trimmed(certificate->certificate_pem) != trimmed(signer_pem)) {
    return http::problem_response(ctx, status::unprocessable_entity, "signer_not_renewed_certificate",
                                  "The approval is not signed with the certificate being renewed",
                                  "sign with the certificate of serial " + *application.renews);
  }
  return refuse_for_state(ctx, "renew", standing_of(services, *certificate, now_ms).state);
}

}  // namespace nes::portal::api
