#pragma once
// Checks an e-imza approval with OpenSSL: a detached CAdES signature (CMS
// SignedData, DER) over the approval document, by one signer, each CAdES
// attribute once; its signing-certificate-v2 names the certificate that
// signed; its signing time is plausible; the certificate chains to a
// configured trust anchor at that time, names the applicant's T.C. Kimlik No
// in its subject serialNumber and allows nonRepudiation; for a Turkish
// profile, it names the profile's policy (OID and document digest) and the
// commitment proof of approval, and carries a signature-time-stamp from a
// trusted TSA (a time stamp is checked whenever there is one); for P3 and P4,
// its validation data (validation_data_check.hpp).

#include "cades/attributes.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::approval {

enum class Verdict {
  accepted,
  signature_invalid,  ///< not a detached CMS with one signer, or the signature does not match the bytes
  signer_untrusted,
  signer_certificate_expired,  ///< also: not yet valid
  signer_not_applicant,
  signer_not_non_repudiation,
  signer_not_qualified,          ///< no certificate policy, or no ETSI and BTK qualified statements
  signing_certificate_missing,   ///< no ESS signing-certificate-v2 (SHA-1 v1 alone is not enough)
  signing_certificate_mismatch,  ///< it does not name the certificate that signed
  signing_time_missing,
  signing_time_implausible,      ///< before the application existed, or in the future
  signature_policy_missing,      ///< the profile requires a policy and none is named
  signature_policy_mismatch,     ///< another policy, digest algorithm or digest; an implied policy
  commitment_type_missing,       ///< no commitment-type-indication of proof of approval
  signature_time_stamp_missing,  ///< the profile requires CAdES-T and there is no signature-time-stamp
  signature_time_stamp_invalid,  ///< not one valid token over the signature value from a trusted TSA
  signature_time_stamp_late,     ///< made more than three hours after the signing time
  validation_data_missing,       ///< P3/P4 and not the four CAdES-X-L attributes
  validation_data_invalid,       ///< references and values disagree, or the status data does not do
  signer_revoked,                ///< the validation data says the signer's certificate is revoked
};

/// Where a profile's validation data must say the signer's status: none
/// (BES, P2), its CA's CRL (P3) or an OCSP answer (P4).
enum class ValidationDataMeans { none, crl, ocsp };

/// What the portal requires beyond CAdES-BES.
struct SignatureRequirement {
  std::string profile = "BES";                                      ///< "BES", "P2", "P3" or "P4"
  std::optional<cades::PolicyReference> policy;                     ///< the policy a Turkish profile's signatures name
  bool time_stamp = false;                                          ///< a signature-time-stamp (CAdES-T) is required
  ValidationDataMeans validation_data = ValidationDataMeans::none;  ///< CAdES-X-L for P3 and P4
};

/// When a signature can have been made: not before the application existed,
/// not after now; each with `skew_ms` of leeway for the signer's clock.
struct SigningWindow {
  std::int64_t not_before_ms = 0;
  std::int64_t now_ms = 0;
  std::int64_t skew_ms = 5 * 60 * 1000;
};

/// The protocol's problem code for a refusal ("signature_invalid", …).
std::string_view to_string(Verdict verdict) noexcept;

struct SignatureResult {
  Verdict verdict;
  std::string detail;  ///< why, for the problem's detail
  /// Accepted: the signer's certificate (PEM), for the checks of a renewal.
  std::string signer_certificate_pem{};
  /// Accepted: the T.C. Kimlik No in the signer's subject serialNumber.
  std::string signer_tckn{};
};

class SignatureChecker {
 public:
  /// Trust anchors of signers and of TSAs as PEM text (several certificates
  /// per text allowed). Null with `detail` when a text holds no certificate,
  /// or when the requirement needs time stamps and no TSA is trusted.
  static std::unique_ptr<SignatureChecker> make(const std::vector<std::string>& anchors_pem,
                                                const std::vector<std::string>& tsa_anchors_pem,
                                                SignatureRequirement requirement, std::string& detail);
  ~SignatureChecker();
  SignatureChecker(const SignatureChecker&) = delete;
  SignatureChecker& operator=(const SignatureChecker&) = delete;

  /// `applicant_tckn` empty: any signer's, which the result names (an
  /// e-imza login, where the signature says who is logging in).
  [[nodiscard]] SignatureResult check(std::string_view cms_der, std::string_view content,
                                      std::string_view applicant_tckn, const SigningWindow& window) const;

  /// What signatures must carry.
  [[nodiscard]] const SignatureRequirement& requirement() const noexcept;

 private:
  struct Impl;
  explicit SignatureChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nes::portal::approval
