// A CA's CRL (RFC 5280) as a client: believed only when it is the issuer's,
// signed by it and current.

#include "cades/der.hpp"
#include "validation/status_evidence.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace nes::validation {

namespace {

struct CrlFree {
  void operator()(X509_CRL* p) const noexcept { X509_CRL_free(p); }
};
struct IntegerFree {
  void operator()(ASN1_INTEGER* p) const noexcept { ASN1_INTEGER_free(p); }
};

StatusRefusal invalid(std::string detail) { return invalid_status("crl_invalid", std::move(detail)); }

}  // namespace

std::variant<CrlEvidence, StatusRefusal> read_crl(int status, std::string_view body, X509* certificate, X509* issuer,
                                                  std::time_t now) {
  if (status != 200) return invalid("HTTP " + std::to_string(status));
  const auto* cursor = reinterpret_cast<const unsigned char*>(body.data());
  const std::unique_ptr<X509_CRL, CrlFree> crl(d2i_X509_CRL(nullptr, &cursor, static_cast<long>(body.size())));
  if (!crl || cursor != reinterpret_cast<const unsigned char*>(body.data()) + body.size()) {
    return invalid("not a CRL");
  }
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0 ||
      X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer)) != 1) {
    return invalid("the CRL is not signed by the certificate's CA");
  }
  const ASN1_TIME* this_update = X509_CRL_get0_lastUpdate(crl.get());
  const ASN1_TIME* next_update = X509_CRL_get0_nextUpdate(crl.get());
  // A CRL without nextUpdate says nothing of when it stops holding.
  if (next_update == nullptr || !current_at(this_update, next_update, now)) {
    return invalid("the CRL is not current");
  }
  X509_REVOKED* entry = nullptr;
  if (X509_CRL_get0_by_cert(crl.get(), &entry, certificate) == 1) {
    int critical = 0;
    auto* reason = static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, &critical, nullptr));
    const long code = reason != nullptr ? ASN1_ENUMERATED_get(reason) : -1;
    ASN1_ENUMERATED_free(reason);
    ERR_clear_error();
    return revoked_refusal("CRL", code, X509_REVOKED_get0_revocationDate(entry));
  }
  CrlEvidence evidence;
  evidence.der = std::string(body);
  evidence.issuer_der = cades::der::encoded<X509_NAME>(X509_CRL_get_issuer(crl.get()), i2d_X509_NAME);
  // CrlIdentifier's crlIssuedTime is a UTCTime.
  ASN1_UTCTIME* issued = ASN1_UTCTIME_new();
  time_t issued_at = 0;
  struct tm parts {};
  if (issued != nullptr && ASN1_TIME_to_tm(this_update, &parts) == 1) {
    issued_at = timegm(&parts);
    if (ASN1_UTCTIME_set(issued, issued_at) != nullptr) {
      evidence.this_update_der = cades::der::encoded<ASN1_UTCTIME>(issued, i2d_ASN1_UTCTIME);
    }
  }
  ASN1_UTCTIME_free(issued);
  const std::unique_ptr<ASN1_INTEGER, IntegerFree> number(
      static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl.get(), NID_crl_number, nullptr, nullptr)));
  if (number) evidence.number_der = cades::der::encoded<ASN1_INTEGER>(number.get(), i2d_ASN1_INTEGER);
  ERR_clear_error();
  if (evidence.this_update_der.empty()) return invalid("the CRL's time cannot be read");
  return evidence;
}

}  // namespace nes::validation
