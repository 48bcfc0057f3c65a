#pragma once
// Portal login and logout (step 4): POST and DELETE /api/v1/auth/session.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_auth_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
