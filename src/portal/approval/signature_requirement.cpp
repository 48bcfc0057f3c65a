#include "portal/approval/signature_requirement.hpp"

#include "portal/crypto/encoding.hpp"

#include <nes/signature_profile.hpp>

namespace nes::portal::approval {

std::optional<SignatureRequirement> signature_requirement(std::string_view profile, std::string_view policy_document,
                                                          std::string& detail) {
  if (profile == "BES") return SignatureRequirement{};
  const auto oid = turkish_policy_oid(profile);
  if (!oid) {
    detail = "unknown signature profile '" + std::string(profile) + "' (BES, P2, P3 or P4)";
    return std::nullopt;
  }
  if (policy_document.empty()) {
    detail = "the signature policy document is empty";
    return std::nullopt;
  }
  const auto digest = crypto::sha256(policy_document);
  return SignatureRequirement{std::string(profile),
                              cades::PolicyReference{std::string(*oid), std::string(cades::sha256_oid),
                                                     std::string(digest.begin(), digest.end())},
                              /*time_stamp=*/true,
                              profile == "P4"   ? ValidationDataMeans::ocsp
                              : profile == "P3" ? ValidationDataMeans::crl
                                                : ValidationDataMeans::none};
}

}  // namespace nes::portal::approval
