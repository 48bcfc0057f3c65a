#pragma once
// Detached CAdES signatures made with OpenSSL directly, for the portal's
// approval tests: by default what the SDK's signer makes for the demo
// portal's profile; each option makes one thing wrong.

#include "cades/attributes.hpp"
#include "portal/pki/test_pki.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace nes::test {

/// The demo portal's requirement: P2's OID and the stand-in document's SHA-256.
cades::PolicyReference demo_policy();

struct CadesOptions {
  enum class Ess { v2, v1_only, none, v2_of_another_certificate };
  Ess ess = Ess::v2;
  /// The certificate signing-certificate-v2 names with v2_of_another_certificate.
  const portal::pki::Credential* ess_certificate = nullptr;
  std::optional<std::time_t> signing_time{};  ///< none: now
  bool omit_signing_time = false;
  /// The policy named; nullopt: none. An implied policy (NULL) with `implied_policy`.
  std::optional<cades::PolicyReference> policy = demo_policy();
  bool implied_policy = false;
  /// The commitment's OID; nullopt: none.
  std::optional<std::string> commitment = std::string(cades::proof_of_approval_oid);
  int commitment_copies = 1;  ///< 2: the attribute twice
  /// The signature-time-stamp (CAdES-T) from test_tsa(): over the signature
  /// value, over other bytes, from a TSA of an untrusted CA, or none.
  enum class Stamp { valid, none, over_other_bytes, untrusted };
  Stamp stamp = Stamp::valid;
  std::optional<std::time_t> stamped_at{};  ///< the token's genTime; none: now
};

/// A TSA certificate (timeStamping) of a CA of its own, made once.
const portal::pki::Credential& test_tsa();
/// That TSA's CA (PEM), for PortalOptions::signature.time_stamp_ca_pem.
const std::string& test_tsa_ca_pem();

/// DER of a detached SignedData over `content`, with the signer's certificate.
std::string sign_detached(const portal::pki::Credential& signer, std::string_view content,
                          const CadesOptions& options = {});

/// DER of a plain detached CMS signature (`openssl cms -sign`): no CAdES attribute.
std::string sign_plain_cms(const portal::pki::Credential& signer, std::string_view content);

}  // namespace nes::test
