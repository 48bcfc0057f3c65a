#pragma once
// CAdES-X-L's validation data (ETSI EN 319 122-2; TS 101 733's explicit
// module): complete-certificate-references and certificate-values over the
// certificates a verifier needs besides the signer's, and
// complete-revocation-references and revocation-values over the OCSP answers
// and CRLs that said each was good, added as unsigned attributes of the one
// signer, so that the signature verifies offline (BTK's P3 with CRLs, P4
// with OCSP).

#include "validation/status_evidence.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nes::validation {

inline constexpr const char* certificate_refs_oid = "1.2.840.113549.1.9.16.2.21";
inline constexpr const char* revocation_refs_oid = "1.2.840.113549.1.9.16.2.22";
inline constexpr const char* certificate_values_oid = "1.2.840.113549.1.9.16.2.23";
inline constexpr const char* revocation_values_oid = "1.2.840.113549.1.9.16.2.24";

using Evidence = std::variant<OcspEvidence, CrlEvidence>;

struct ValidationData {
  std::vector<std::string> certificates_der;  ///< no duplicates; not the signer's
  std::vector<Evidence> statuses;             ///< one per certificate checked, the signer's first
};

/// `cms_der` (SignedData, one signer, none of the four attributes yet) with
/// `data`'s four attributes; nullopt with `why` otherwise.
std::optional<std::string> with_validation_data(std::string_view cms_der, const ValidationData& data, std::string& why);

}  // namespace nes::validation
