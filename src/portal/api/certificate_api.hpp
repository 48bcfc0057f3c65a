#pragma once
// The person's certificates (Online İşlemler, step 7): Sertifika Listeleme,
// and the changes confirmed with an SMS code — suspending, lifting a
// suspension (Askıdan İndirme), revoking (Sertifikamı İptal Et).

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

#include <nes/issued_certificate.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace nes::portal::api {

/// The CertificateStatus name of the e-imza CA the portal issues from.
inline constexpr std::string_view issuing_authority = "esign";

/// Where `certificate` stands at `now_ms`, and the revocation or suspension on record.
struct CertificateStanding {
  CertificateState state = CertificateState::active;
  std::optional<store::Revocation> on_record{};
};
CertificateStanding standing_of(const Services& services, const store::CertificateRecord& certificate,
                                std::int64_t now_ms);

/// 409 when a certificate in `state` does not allow `action`: "unsuspend"
/// a suspended one, "revoke" and "release_puk" an active or suspended one,
/// "suspend" and "renew" an active one. Nullopt when it does.
std::optional<http::Response> refuse_for_state(const http::RequestContext& ctx, std::string_view action,
                                               CertificateState state);

/// IssuedCertificate.
boost::json::object certificate_json(const Services& services, const store::CertificateRecord& certificate,
                                     std::int64_t now_ms);

void add_certificate_routes(http::Router& router, Services& services);
/// POST …/certificates/{serial}/changes and …/changes/{id}/confirm.
void add_certificate_change_routes(http::Router& router, Services& services);
/// POST …/certificates/{serial}/puk and …/puk/{id}/confirm.
void add_puk_release_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
