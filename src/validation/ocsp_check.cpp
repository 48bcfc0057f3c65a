// OCSP (RFC 6960) as a client: the question, and the answer checked before
// it is believed.

#include "cades/der.hpp"
#include "cades/ocsp_signer.hpp"
#include "op/launch.hpp"
#include "validation/status_evidence.hpp"

#include <openssl/err.h>

namespace nes::validation {

namespace {

struct BasicFree {
  void operator()(OCSP_BASICRESP* p) const noexcept { OCSP_BASICRESP_free(p); }
};
struct ResponseFree {
  void operator()(OCSP_RESPONSE* p) const noexcept { OCSP_RESPONSE_free(p); }
};

StatusRefusal invalid(std::string detail) { return invalid_status("ocsp_answer_invalid", std::move(detail)); }

}  // namespace

std::unique_ptr<OcspQuery> make_ocsp_query(X509* certificate, X509* issuer) {
  auto query = std::make_unique<OcspQuery>();
  query->request.reset(OCSP_REQUEST_new());
  OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), certificate, issuer);  // SHA-1: what every responder knows
  OCSP_ONEREQ* one = query->request && id != nullptr ? OCSP_request_add0_id(query->request.get(), id) : nullptr;
  if (one == nullptr) {
    OCSP_CERTID_free(id);
    ERR_clear_error();
    return nullptr;
  }
  query->id = id;
  if (OCSP_request_add1_nonce(query->request.get(), nullptr, -1) != 1) return nullptr;
  query->der = cades::der::encoded<OCSP_REQUEST>(query->request.get(), i2d_OCSP_REQUEST);
  return query->der.empty() ? nullptr : std::move(query);
}

std::variant<OcspEvidence, StatusRefusal> read_ocsp_answer(int status, std::string_view body, const OcspQuery& query,
                                                           X509* issuer, std::time_t now) {
  if (status != 200) return status_refusal("ocsp_refused", "HTTP " + std::to_string(status));
  const auto* cursor = reinterpret_cast<const unsigned char*>(body.data());
  const std::unique_ptr<OCSP_RESPONSE, ResponseFree> response(
      d2i_OCSP_RESPONSE(nullptr, &cursor, static_cast<long>(body.size())));
  if (!response || cursor != reinterpret_cast<const unsigned char*>(body.data()) + body.size()) {
    return invalid("not an OCSP response");
  }
  const int response_status = OCSP_response_status(response.get());
  if (response_status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    return status_refusal("ocsp_refused", OCSP_response_status_str(response_status));
  }
  const std::unique_ptr<OCSP_BASICRESP, BasicFree> basic(OCSP_response_get1_basic(response.get()));
  if (!basic) return invalid("no basic OCSP response");

  if (!cades::signed_by_issuer_or_delegate(basic.get(), issuer)) {
    return invalid("the answer is not signed by the certificate's CA or a responder it delegated to");
  }
  if (OCSP_check_nonce(query.request.get(), basic.get()) == 0) return invalid("the answer is for another question");

  int certificate_status = 0;
  int reason = 0;
  ASN1_GENERALIZEDTIME* revoked_at = nullptr;
  ASN1_GENERALIZEDTIME* this_update = nullptr;
  ASN1_GENERALIZEDTIME* next_update = nullptr;
  if (OCSP_resp_find_status(basic.get(), query.id, &certificate_status, &reason, &revoked_at, &this_update,
                            &next_update) != 1) {
    return invalid("the answer is not about the certificate asked about");
  }
  // OCSP_check_validity reads the system clock; `now` is checked against the same fields.
  if (!current_at(this_update, next_update, now)) {
    return invalid("the answer is not current");
  }
  if (certificate_status == V_OCSP_CERTSTATUS_REVOKED) {
    return revoked_refusal("OCSP", reason, revoked_at);
  }
  if (certificate_status != V_OCSP_CERTSTATUS_GOOD) return invalid("the responder does not know the certificate");

  OcspEvidence evidence;
  evidence.basic_der = cades::der::encoded<OCSP_BASICRESP>(basic.get(), i2d_OCSP_BASICRESP);
  // ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }, explicit (RFC 6960's module).
  const ASN1_OCTET_STRING* key_hash = nullptr;
  const X509_NAME* name = nullptr;
  if (OCSP_resp_get0_id(basic.get(), &key_hash, &name) != 1) return invalid("no responder id");
  evidence.responder_id_der =
      name != nullptr
          ? cades::der::tlv(cades::der::explicit_tag(1), cades::der::encoded<X509_NAME>(name, i2d_X509_NAME))
          : cades::der::tlv(cades::der::explicit_tag(2),
                            cades::der::encoded<ASN1_OCTET_STRING>(key_hash, i2d_ASN1_OCTET_STRING));
  evidence.produced_at_der =
      cades::der::encoded<ASN1_GENERALIZEDTIME>(OCSP_resp_get0_produced_at(basic.get()), i2d_ASN1_GENERALIZEDTIME);
  const STACK_OF(X509)* certificates = OCSP_resp_get0_certs(basic.get());
  for (int i = 0; i < sk_X509_num(certificates); ++i) {
    evidence.certificates_der.push_back(cades::der::encoded<X509>(sk_X509_value(certificates, i), i2d_X509));
  }
  return evidence;
}

}  // namespace nes::validation
