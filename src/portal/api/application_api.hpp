#pragma once
// The applicant's routes (steps 10–12, Başvurularım): submission, listing,
// one application, cancel (application_api.cpp); SMS code verify and resend
// (otp_api.cpp); approval by e-imza or wet signature (approval_api.cpp).

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_application_routes(http::Router& router, Services& services);
void add_otp_routes(http::Router& router, Services& services);
void add_approval_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
