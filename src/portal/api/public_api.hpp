#pragma once
// The operations that need no login (step 2).

#include "portal/fee_table.hpp"
#include "portal/http/router.hpp"

namespace nes::portal::api {

/// GET /api/v1/fees. `fees` must outlive the router.
void add_public_routes(http::Router& router, const FeeTable& fees);

}  // namespace nes::portal::api
