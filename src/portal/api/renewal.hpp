#pragma once
// A renewal (shared/flow.md, "Validity and renewal"): an application that
// names the certificate it renews, accepted from three months before that
// certificate expires, for unchanged contents only, and approved with that
// certificate while it is still valid.

#include "portal/api/services.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/http/message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::api {

/// The refusal of a submission by `caller` that renews `serial` (as
/// normalized), or nullopt: 422 renewed_certificate_not_found for none of the
/// caller's; 409 for a suspended, revoked or expired one; 422
/// renewal_not_due before its renewal window; 422 update_required when the
/// registry's name is no longer the certificate's (the güncelleme route).
std::optional<http::Response> refuse_renewal(const Services& services, const http::RequestContext& ctx,
                                             const Caller& caller, std::string_view serial, std::int64_t now_ms);

/// The refusal of an approval of the renewal `application`, or nullopt: 422
/// e_signature_required for a wet signature or E-Onay (`signer_pem` empty), 422
/// signer_not_renewed_certificate when the e-imza signer's certificate is not
/// the one renewed, 409 when that certificate is no longer active.
std::optional<http::Response> refuse_renewal_approval(const Services& services, const http::RequestContext& ctx,
                                                      const store::ApplicationRecord& application,
                                                      std::string_view signer_pem, std::int64_t now_ms);

}  // namespace nes::portal::api
