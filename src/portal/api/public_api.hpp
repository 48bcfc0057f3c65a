#pragma once
// The operations that need no login (step 2).

#include "portal/approval/signature_check.hpp"
#include "portal/fee_table.hpp"
#include "portal/http/router.hpp"

#include <nes/portal/reference_portal.hpp>

#include <string>

namespace nes::portal::api {

/// What GET /api/v1/info tells about the portal.
struct PortalDescription {
  std::string authorize_url;
  std::string client_id;
  std::string redirect_uri;
  OtpPolicy otp;
  approval::SignatureRequirement signature;
};

/// GET /api/v1/info and GET /api/v1/fees. `fees` must outlive the router.
void add_public_routes(http::Router& router, const FeeTable& fees, PortalDescription description);

}  // namespace nes::portal::api
