#pragma once
// Certificate status, as Kamu SM's depo and OCSP services publish it:
// GET /pki/{name}.crl (application/pkix-crl) and POST /ocsp (RFC 6960,
// application/ocsp-request in, application/ocsp-response out).

#include "portal/http/router.hpp"
#include "portal/revocation/certificate_status.hpp"

namespace nes::portal::api {

/// `status` must outlive the router.
void add_status_routes(http::Router& router, const revocation::CertificateStatus& status);

}  // namespace nes::portal::api
