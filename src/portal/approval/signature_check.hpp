#pragma once
// Checks an e-imza approval with OpenSSL: a detached CMS SignedData (DER)
// over the approval document, by one signer whose certificate chains to a
// configured trust anchor, is within its validity, names the applicant's
// T.C. Kimlik No in its subject serialNumber and allows nonRepudiation.

#include <memory>
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
};

/// The protocol's problem code for a refusal ("signature_invalid", …).
std::string_view to_string(Verdict verdict) noexcept;

struct SignatureResult {
  Verdict verdict;
  std::string detail;  ///< why, for the problem's detail
};

class SignatureChecker {
 public:
  /// Trust anchors as PEM text (several certificates per text allowed). Null
  /// with `detail` when a text holds no certificate.
  static std::unique_ptr<SignatureChecker> make(const std::vector<std::string>& anchors_pem, std::string& detail);
  ~SignatureChecker();
  SignatureChecker(const SignatureChecker&) = delete;
  SignatureChecker& operator=(const SignatureChecker&) = delete;

  [[nodiscard]] SignatureResult check(std::string_view cms_der, std::string_view content,
                                      std::string_view applicant_tckn) const;

 private:
  struct Impl;
  explicit SignatureChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nes::portal::approval
