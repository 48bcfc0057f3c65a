#pragma once
// The profile the portal requires of e-imza approvals, from its options: the
// Turkish profile's policy OID (BTK's guide) and the SHA-256 digest of the
// configured policy document, never a made-up constant.

#include "portal/approval/signature_check.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::approval {

/// The requirement for `profile` ("BES", "P2", "P3", "P4") with the policy
/// document `policy_document`; nullopt with `detail` for an unknown profile
/// or an empty document.
std::optional<SignatureRequirement> signature_requirement(std::string_view profile, std::string_view policy_document,
                                                          std::string& detail);

}  // namespace nes::portal::approval
