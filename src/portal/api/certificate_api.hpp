#pragma once
// Sertifika Listeleme: the logged-in person's certificates with their status
// now (active, suspended, revoked, expired) and when renewal opens.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_certificate_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
