#pragma once
// Step 12 by e-imza: a Signer makes a detached CAdES signature (CMS, DER)
// over the exact bytes the portal presents, to the profile the portal
// requires (SignatureProfile: CAdES-BES, or P2/P3/P4 with their signature
// policy). Implementations are pluggable: the SDK ships Pkcs11Signer (smart
// cards, tokens); a user may add a remote or mobile signer by deriving from
// Signer.

#include <nes/certificate_info.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/signature_profile.hpp>
#include <nes/time_stamp.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <optional>
#include <string>

namespace nes {

/// A signature made: the CMS (DER), who signed, and when a TSA saw it.
struct NES_EXPORT Signature {
  std::string cms_der;       ///< detached CMS SignedData, DER
  CertificateInfo signer{};  ///< the certificate that signed
  /// Its signature-time-stamp, when it has one (CAdES-T, TimestampingSigner).
  std::optional<TimeStamp> time_stamp{};
};

/// What signs an approval document: a PKCS#11 token, or the caller's own implementation.
class NES_EXPORT Signer {
 public:
  /// The executor the signer's operations run on.
  using executor_type = boost::asio::any_io_executor;

  Signer() = default;
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;
  virtual ~Signer() = default;

  /// The executor its operations complete on.
  [[nodiscard]] virtual executor_type get_executor() const = 0;

  /// Signs `document` to `profile` (`{}`: CAdES-BES), completing with
  /// (error_code, Result<Signature>). A refusal the signer found (a wrong
  /// PIN, an expired certificate) carries a Problem with the detail. The
  /// signer must outlive the operation.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_sign(std::string document, SignatureProfile profile, Token&& token = {}) {
    return detail::initiate<Signature>(
        std::forward<Token>(token),
        [this, d = std::move(document), p = std::move(profile)](ResultHandler<Signature> h) mutable {
          start_sign(std::move(d), std::move(p), std::move(h));
        });
  }

  /// The implementation's part: sign to `profile` (its signature policy
  /// named in a signature-policy-identifier when it has one, and a
  /// commitment-type-indication of proof of approval), then call `handler`
  /// once, on its associated executor.
  virtual void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) = 0;
};

}  // namespace nes
