#pragma once
// The staff member's side of the institution-paid route (ADR 0015): the
// access code from the officer's request opens the prefilled form, and the
// application is submitted with it; the SMS code and the approval then go as
// on the person's route.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_institution_application_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
