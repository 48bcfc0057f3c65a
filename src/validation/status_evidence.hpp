#pragma once
// What a certificate's status check yields: the OCSP answer or the CRL that
// says it is good, kept as they came (DER) for a signature's validation data,
// or why there is none (errc::certificate_revoked, errc::revocation_unavailable).

#include <nes/error.hpp>
#include <nes/problem.hpp>

#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nes::validation {

struct StatusRefusal {
  error_code ec;
  Problem problem;
  /// For errc::certificate_revoked: the RFC 5280 reason (-1: none given)
  /// and the revocation's time (0: unknown), as the OCSP answer or CRL said.
  int crl_reason = -1;
  std::time_t revoked_at = 0;
  std::string revoked_by{};  ///< "OCSP" or "CRL"
};

/// The refusal for a revoked certificate, with its reason (-1: none) and
/// time, from `source` ("OCSP", "CRL").
StatusRefusal revoked_refusal(const char* source, long reason, const ASN1_TIME* revoked_at);

/// A good OCSP answer: the BasicOCSPResponse, the responder's id and the
/// answer's producedAt (DER, for the references), and the certificates that
/// came with it (the responder's).
struct OcspEvidence {
  std::string basic_der;
  std::string responder_id_der;
  std::string produced_at_der;
  std::vector<std::string> certificates_der;
};

/// A CRL that does not list the certificate: the CRL, and its issuer,
/// thisUpdate and number (DER; the number empty when it has none).
struct CrlEvidence {
  std::string der;
  std::string issuer_der;
  std::string this_update_der;
  std::string number_der;
};

struct OcspRequestFree {
  void operator()(OCSP_REQUEST* p) const noexcept { OCSP_REQUEST_free(p); }
};

/// An OCSP question about one certificate, with a fresh nonce.
struct OcspQuery {
  std::string der;
  std::unique_ptr<OCSP_REQUEST, OcspRequestFree> request;
  OCSP_CERTID* id = nullptr;  ///< owned by `request`
};

/// The question about `certificate`, issued by `issuer`; null on failure.
std::unique_ptr<OcspQuery> make_ocsp_query(X509* certificate, X509* issuer);

/// The answer (`body`, HTTP `status`) to `query` read and checked: a
/// successful OCSPResponse, signed by `issuer` or by a responder it
/// delegated to (OCSPSigning), about the certificate asked, current at `now`
/// (5 minutes' leeway), the nonce echoed when echoed at all, and good.
std::variant<OcspEvidence, StatusRefusal> read_ocsp_answer(int status, std::string_view body, const OcspQuery& query,
                                                           X509* issuer, std::time_t now);

/// The CRL `body` read and checked: issued and signed by `issuer`, current
/// at `now` (nextUpdate not past), and not listing `certificate`.
std::variant<CrlEvidence, StatusRefusal> read_crl(int status, std::string_view body, X509* certificate, X509* issuer,
                                                  std::time_t now);

/// The refusal for `code` with `detail`: certificate_revoked, or one of the
/// revocation_unavailable codes.
StatusRefusal status_refusal(std::string code, std::string detail);

/// status_refusal for an answer or CRL that cannot be believed, with
/// OpenSSL's error queue emptied.
StatusRefusal invalid_status(std::string code, std::string detail);

/// Whether a status issued at `this_update` and good until `next_update`
/// (null: no end given) holds at `now`, with 5 minutes' leeway for clocks.
bool current_at(const ASN1_TIME* this_update, const ASN1_TIME* next_update, std::time_t now);

}  // namespace nes::validation
