#pragma once
// POST /tsa: the time-stamping authority, as Kamu SM's zd service answers.

#include "portal/http/router.hpp"
#include "portal/tsa/time_stamp_authority.hpp"

namespace nes::portal::api {

/// `authority` must outlive the router.
void add_tsa_routes(http::Router& router, tsa::TimeStampAuthority& authority);

}  // namespace nes::portal::api
