#pragma once
// Borç Sorgulama without login: POST /api/v1/debt-inquiries. What a T.C.
// Kimlik No owes: the fees of its applications awaiting payment.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

void add_debt_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
