#pragma once
// The signature a portal requires of an e-imza approval: CAdES-BES, or one of
// the Turkish profiles of BTK's Elektronik İmza Kullanım Profilleri Rehberi
// (P2, P3, P4), whose signatures name the profile's signature policy (its
// OID and the SHA-256 digest of its document) in a signature-policy-identifier
// attribute (ETSI EN 319 122-1). The portal says which (PortalInfo), and the
// Approver passes it to the Signer.

#include <nes/export.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// What a signature must carry. Not an aggregate on purpose, as Credentials
/// (ADR 0002): `co_await signer.async_sign(doc, {}, token)` is safe on GCC 12.
class NES_EXPORT SignatureProfile {
 public:
  /// CAdES-BES: no signature policy.
  SignatureProfile() = default;
  /// The profile `name_` ("P2", "P3", "P4"), whose signatures name the policy
  /// `policy_oid_` (dotted) and the SHA-256 digest of its document (32 raw bytes).
  SignatureProfile(std::string name_, std::string policy_oid_, std::string policy_sha256_)
      : name(std::move(name_)), policy_oid(std::move(policy_oid_)), policy_sha256(std::move(policy_sha256_)) {}

  /// "BES", "P2", "P3" or "P4".
  std::string name = "BES";
  /// The signature policy's OID, dotted; empty for CAdES-BES.
  std::string policy_oid;
  /// The SHA-256 digest of the policy document, 32 raw bytes; empty for CAdES-BES.
  std::string policy_sha256;

  /// True when signatures must name a signature policy.
  [[nodiscard]] bool has_policy() const noexcept { return !policy_oid.empty(); }
};

/// The policy OID BTK's guide gives a Turkish profile ("P2" →
/// 2.16.792.1.61.0.1.5070.3.1.1, "P3" → …3.2.1, "P4" → …3.3.1); nullopt for
/// any other name.
NES_EXPORT std::optional<std::string_view> turkish_policy_oid(std::string_view profile) noexcept;

}  // namespace nes
