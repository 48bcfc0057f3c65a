#pragma once
// CAdES-X-L on the portal's side, for BTK's P3 and P4 as TÜBİTAK's validator
// checks them: the four unsigned attributes (complete-certificate-references,
// complete-revocation-references, certificate-values, revocation-values),
// once each; every reference names a value by its hash and every value is
// referenced; the signer's status by the profile's means (P4: an OCSP answer
// about it, P3: its CA's CRL), good and verified against its issuer; and
// status data for the TSA's certificate of the signature-time-stamp.

#include "cades/signature_certificates.hpp"

#include <openssl/cms.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::approval {

enum class ValidationDataCheck {
  valid,
  missing,         ///< one of the four attributes is not there
  invalid,         ///< references and values disagree, or a status is missing or does not verify
  signer_revoked,  ///< the signer's status says revoked
};

/// The values of the four attributes, read.
struct ValidationValues {
  struct CrlFree {
    void operator()(X509_CRL* p) const noexcept { X509_CRL_free(p); }
  };
  struct BasicFree {
    void operator()(OCSP_BASICRESP* p) const noexcept { OCSP_BASICRESP_free(p); }
  };
  std::vector<cades::CertificatePtr> certificates;
  std::vector<std::string_view> certificates_der;
  std::vector<std::unique_ptr<X509_CRL, CrlFree>> crls;
  std::vector<std::unique_ptr<OCSP_BASICRESP, BasicFree>> answers;
  std::vector<std::string_view> revocations_der;  ///< the CRLs' and the answers' DER, into the attributes
};

/// The four attributes' values (their DER) read into `out`, every reference
/// matched to one value by its hash and every value referenced; false with
/// `why` otherwise. Nothing here is trusted yet: no signature is checked.
bool read_validation_data(std::string_view certificate_refs, std::string_view revocation_refs,
                          std::string_view certificate_values, std::string_view revocation_values,
                          ValidationValues& out, std::string& why);

/// Checks the validation data of `cms_der`'s signer `info` for `signer`,
/// issued by `issuer` (its verified path's next certificate); the signer's
/// status by OCSP when `by_ocsp` (P4), by its CA's CRL otherwise (P3). A
/// status counts only when it was known after the signature was made: its
/// thisUpdate not before `stamped_at` (the signature-time-stamp's time; 5
/// minutes' leeway). `why` says what is wrong.
ValidationDataCheck check_validation_data(std::string_view cms_der, CMS_SignerInfo* info, X509* signer, X509* issuer,
                                          bool by_ocsp, std::time_t stamped_at, std::string& why);

}  // namespace nes::portal::approval
