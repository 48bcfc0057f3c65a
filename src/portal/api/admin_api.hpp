#pragma once
// Kamu SM's side (/admin/v1), for tests and demos: list applications and move
// them along the lifecycle. Added only when an admin token is configured;
// every call carries it as a Bearer token.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"

#include <nes/secret.hpp>

namespace nes::portal::api {

void add_admin_routes(http::Router& router, Services& services, SecretString admin_token);

}  // namespace nes::portal::api
