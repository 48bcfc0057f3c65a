#pragma once
// Step 9 and the applicant's own data: GET /api/v1/institutions and
// GET /api/v1/me/phones.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_catalogue_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
