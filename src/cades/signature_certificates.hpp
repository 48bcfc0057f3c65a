#pragma once
// The certificates a signature's validation data is about: the signer's, the
// TSA's of its signature-time-stamp, those both carry, and each one's path
// up to a root.

#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::cades {

struct CertificateFree {
  void operator()(X509* p) const noexcept { X509_free(p); }
};
using CertificatePtr = std::unique_ptr<X509, CertificateFree>;

struct SignatureCertificates {
  CertificatePtr signer;
  CertificatePtr tsa;                   ///< the signature-time-stamp's signer
  std::vector<CertificatePtr> carried;  ///< in the CMS and in the token
};

/// Those of `cms_der` (SignedData, one signer, with a signature-time-stamp);
/// nullopt with `why` when one cannot be found.
std::optional<SignatureCertificates> signature_certificates(std::string_view cms_der, std::string& why);

/// `leaf`, its issuer, and so on up to a self-signed certificate, issuers
/// taken from `pool` (the one whose key signed, not only one of the same
/// name); nullopt when one is missing (or the path is longer than 8). No
/// validity or trust is checked here.
std::optional<std::vector<X509*>> certification_path(X509* leaf, const std::vector<X509*>& pool);

/// The certificates of PEM `text` (several allowed).
std::vector<CertificatePtr> certificates_from_pem(std::string_view text);

/// The DER of `certificate`.
std::string certificate_der(X509* certificate);

}  // namespace nes::cades
