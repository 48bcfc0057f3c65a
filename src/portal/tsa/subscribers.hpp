#pragma once
// The time-stamp service's subscribers file (JSON, docs/portal.md):
//   {"subscribers": [{"customer_id": 1000, "password": "…", "credit": 100}]}
// The passwords are kept as they are: the service derives each request's key
// from them, as Kamu SM's does.

#include "portal/tsa/time_stamp_authority.hpp"

#include <nes/parsed.hpp>

#include <string_view>
#include <vector>

namespace nes::portal::tsa {

Parsed<std::vector<Subscriber>> decode_subscribers(std::string_view document);

}  // namespace nes::portal::tsa
