#include "portal/approval/validation_data_check.hpp"

#include "cades/der.hpp"
#include "cades/ocsp_signer.hpp"
#include "cades/signature_certificates.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace nes::portal::approval {

namespace der = cades::der;

namespace {

constexpr const char* certificate_refs_oid = "1.2.840.113549.1.9.16.2.21";
constexpr const char* revocation_refs_oid = "1.2.840.113549.1.9.16.2.22";
constexpr const char* certificate_values_oid = "1.2.840.113549.1.9.16.2.23";
constexpr const char* revocation_values_oid = "1.2.840.113549.1.9.16.2.24";
constexpr unsigned char octet_string_tag = 0x04;
constexpr unsigned char object_identifier_tag = 0x06;

struct CertIdFree {
  void operator()(OCSP_CERTID* p) const noexcept { OCSP_CERTID_free(p); }
};

// The one value of the unsigned attribute `oid`, its DER; nullopt when absent or not one SEQUENCE.
std::optional<std::string_view> attribute_value(CMS_SignerInfo* info, const char* oid_text, bool& repeated) {
  ASN1_OBJECT* oid = OBJ_txt2obj(oid_text, 1);
  const int at = oid != nullptr ? CMS_unsigned_get_attr_by_OBJ(info, oid, -1) : -1;
  repeated = at >= 0 && CMS_unsigned_get_attr_by_OBJ(info, oid, at) >= 0;
  ASN1_OBJECT_free(oid);
  X509_ATTRIBUTE* attribute = at >= 0 ? CMS_unsigned_get_attr(info, at) : nullptr;
  if (attribute == nullptr) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_count(attribute) == 1 ? X509_ATTRIBUTE_get0_type(attribute, 0) : nullptr;
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) {
    repeated = true;
    return std::nullopt;
  }
  return std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value->value.sequence)),
                          static_cast<std::size_t>(ASN1_STRING_length(value->value.sequence)));
}

// False, with `reason` as the why.
bool refuse(std::string& why, const char* reason) {
  why = reason;
  return false;
}

// The elements of the SEQUENCE `der`.
std::optional<std::vector<der::Element>> sequence_items(std::string_view der_bytes) {
  const auto outer = der::only(der_bytes, der::sequence_tag);
  return outer ? der::elements(outer->content) : std::nullopt;
}

// OtherHash: sha1Hash (OCTET STRING), or otherHash { AlgorithmIdentifier, OCTET STRING }.
struct Hash {
  const EVP_MD* digest = nullptr;
  std::string value;
};

std::optional<Hash> read_hash(const der::Element& element) {
  if (element.tag == octet_string_tag) return Hash{EVP_sha1(), std::string(element.content)};
  const auto parts = element.tag == der::sequence_tag ? der::elements(element.content) : std::nullopt;
  if (!parts || parts->size() != 2 || (*parts)[1].tag != octet_string_tag) return std::nullopt;
  const auto algorithm = der::elements((*parts)[0].content);
  if (!algorithm || algorithm->empty() || (*algorithm)[0].tag != object_identifier_tag) return std::nullopt;
  const auto* cursor = reinterpret_cast<const unsigned char*>((*algorithm)[0].whole.data());
  ASN1_OBJECT* oid = d2i_ASN1_OBJECT(nullptr, &cursor, static_cast<long>((*algorithm)[0].whole.size()));
  const EVP_MD* digest = oid != nullptr ? EVP_get_digestbyobj(oid) : nullptr;
  ASN1_OBJECT_free(oid);
  if (digest == nullptr) return std::nullopt;
  return Hash{digest, std::string((*parts)[1].content)};
}

bool hash_matches(const Hash& hash, std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  return EVP_Digest(bytes.data(), bytes.size(), digest, &size, hash.digest, nullptr) == 1 &&
         hash.value == std::string_view(reinterpret_cast<const char*>(digest), size);
}

using Values = ValidationValues;
using CrlFree = ValidationValues::CrlFree;
using BasicFree = ValidationValues::BasicFree;

template <class T, T* (*Decode)(T**, const unsigned char**, long)>
T* decode_whole(std::string_view bytes) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
  T* out = Decode(nullptr, &cursor, static_cast<long>(bytes.size()));
  return out != nullptr && cursor == reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size() ? out
                                                                                                         : nullptr;
}

bool read_values(std::string_view certificates, std::string_view revocations, Values& out, std::string& why) {
  const auto certificate_items = sequence_items(certificates);
  if (!certificate_items) return refuse(why, "certificate-values is not a SEQUENCE OF Certificate");
  for (const auto& item : *certificate_items) {
    cades::CertificatePtr certificate(decode_whole<X509, d2i_X509>(item.whole));
    if (!certificate) return refuse(why, "certificate-values holds something that is not a certificate");
    out.certificates.push_back(std::move(certificate));
    out.certificates_der.push_back(item.whole);
  }
  const auto parts = sequence_items(revocations);
  if (!parts) return refuse(why, "revocation-values is not a SEQUENCE");
  for (const auto& part : *parts) {
    const auto list = part.tag == der::explicit_tag(0) || part.tag == der::explicit_tag(1)
                          ? sequence_items(part.content)
                          : std::nullopt;
    if (!list) return refuse(why, "revocation-values has a part that is not [0] CRLs or [1] OCSP answers");
    for (const auto& item : *list) {
      if (part.tag == der::explicit_tag(0)) {
        std::unique_ptr<X509_CRL, CrlFree> crl(decode_whole<X509_CRL, d2i_X509_CRL>(item.whole));
        if (!crl) return refuse(why, "revocation-values holds a CRL that cannot be read");
        out.crls.push_back(std::move(crl));
      } else {
        std::unique_ptr<OCSP_BASICRESP, BasicFree> answer(decode_whole<OCSP_BASICRESP, d2i_OCSP_BASICRESP>(item.whole));
        if (!answer) return refuse(why, "revocation-values holds an OCSP answer that cannot be read");
        out.answers.push_back(std::move(answer));
      }
      out.revocations_der.push_back(item.whole);
    }
  }
  return true;
}

// Every reference names one value by its hash, and every value is named.
bool references_match(std::string_view certificate_refs, std::string_view revocation_refs, const Values& values,
                      std::string& why) {
  std::vector<bool> named(values.certificates_der.size(), false);
  const auto refs = sequence_items(certificate_refs);
  if (!refs) return refuse(why, "complete-certificate-references is not a SEQUENCE OF OtherCertID");
  for (const auto& ref : *refs) {
    const auto parts = ref.tag == der::sequence_tag ? der::elements(ref.content) : std::nullopt;
    const auto hash = parts && !parts->empty() ? read_hash((*parts)[0]) : std::nullopt;
    bool found = false;
    for (std::size_t i = 0; hash && i < values.certificates_der.size(); ++i) {
      if (hash_matches(*hash, values.certificates_der[i])) found = named[i] = true;
    }
    if (!found) return refuse(why, "a certificate reference names no certificate of certificate-values");
  }
  for (const bool n : named) {
    if (!n) return refuse(why, "a certificate of certificate-values has no reference");
  }

  std::vector<bool> revocation_named(values.revocations_der.size(), false);
  const auto revocation_items = sequence_items(revocation_refs);
  if (!revocation_items) return refuse(why, "complete-revocation-references is not a SEQUENCE OF CrlOcspRef");
  for (const auto& crl_ocsp_ref : *revocation_items) {
    const auto parts = crl_ocsp_ref.tag == der::sequence_tag ? der::elements(crl_ocsp_ref.content) : std::nullopt;
    if (!parts) return refuse(why, "a CrlOcspRef cannot be read");
    for (const auto& part : *parts) {
      if (part.tag != der::explicit_tag(0) && part.tag != der::explicit_tag(1)) continue;  // otherRev
      // [0] CRLListID { crls { CrlValidatedID { crlHash, … } } }; [1] OcspListID { { OcspResponsesID { id, hash } } }
      const auto list = sequence_items(part.content);
      const auto ids = list && list->size() == 1 && (*list)[0].tag == der::sequence_tag
                           ? der::elements((*list)[0].content)
                           : std::nullopt;
      if (!ids) return refuse(why, "a revocation reference cannot be read");
      for (const auto& id : *ids) {
        const auto fields = id.tag == der::sequence_tag ? der::elements(id.content) : std::nullopt;
        const std::size_t hash_at = part.tag == der::explicit_tag(0) ? 0 : 1;
        const auto hash = fields && fields->size() > hash_at ? read_hash((*fields)[hash_at]) : std::nullopt;
        bool found = false;
        for (std::size_t i = 0; hash && i < values.revocations_der.size(); ++i) {
          if (hash_matches(*hash, values.revocations_der[i])) found = revocation_named[i] = true;
        }
        if (!found) return refuse(why, "a revocation reference names no value of revocation-values by its hash");
      }
    }
  }
  for (const bool n : revocation_named) {
    if (!n) return refuse(why, "an OCSP answer or CRL of revocation-values has no reference");
  }
  return true;
}

enum class Status { none, stale, good, revoked };

// A status known before the signature was made proves nothing about it.
constexpr std::time_t status_leeway_seconds = 300;
bool known_since(const ASN1_TIME* this_update, std::time_t stamped_at) {
  return this_update != nullptr && ASN1_TIME_cmp_time_t(this_update, stamped_at - status_leeway_seconds) >= 0;
}

// The better of two findings: a status over none, a fresh one over a stale one.
Status better(Status found, Status next) { return static_cast<int>(next) > static_cast<int>(found) ? next : found; }

// What the values say of `certificate` (issued by `issuer`) by OCSP: an
// answer signed by the issuer or its delegated responder, about it.
Status ocsp_status(const Values& values, X509* certificate, X509* issuer, std::time_t stamped_at) {
  Status found = Status::none;
  for (const EVP_MD* digest : {EVP_sha1(), EVP_sha256()}) {
    const std::unique_ptr<OCSP_CERTID, CertIdFree> id(OCSP_cert_to_id(digest, certificate, issuer));
    for (const auto& answer : values.answers) {
      int status = 0;
      int reason = 0;
      ASN1_GENERALIZEDTIME* revoked_at = nullptr;
      ASN1_GENERALIZEDTIME* this_update = nullptr;
      ASN1_GENERALIZEDTIME* next_update = nullptr;
      if (!id ||
          OCSP_resp_find_status(answer.get(), id.get(), &status, &reason, &revoked_at, &this_update, &next_update) !=
              1 ||
          !cades::signed_by_issuer_or_delegate(answer.get(), issuer)) {
        ERR_clear_error();
        continue;
      }
      if (status == V_OCSP_CERTSTATUS_REVOKED) return Status::revoked;
      if (status != V_OCSP_CERTSTATUS_GOOD) continue;
      if (known_since(this_update, stamped_at)) return Status::good;
      found = better(found, Status::stale);
    }
  }
  ERR_clear_error();
  return found;
}

// What the values say of `certificate` by its issuer's CRL, signed by the issuer.
Status crl_status(const Values& values, X509* certificate, X509* issuer, std::time_t stamped_at) {
  Status found = Status::none;
  for (const auto& crl : values.crls) {
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0 ||
        X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer)) != 1) {
      ERR_clear_error();
      continue;
    }
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl.get(), &entry, certificate) == 1) return Status::revoked;
    if (known_since(X509_CRL_get0_lastUpdate(crl.get()), stamped_at)) return Status::good;
    found = better(found, Status::stale);
  }
  return found;
}

}  // namespace

bool read_validation_data(std::string_view certificate_refs, std::string_view revocation_refs,
                          std::string_view certificate_values, std::string_view revocation_values,
                          ValidationValues& out, std::string& why) {
  return read_values(certificate_values, revocation_values, out, why) &&
         references_match(certificate_refs, revocation_refs, out, why);
}

ValidationDataCheck check_validation_data(std::string_view cms_der, CMS_SignerInfo* info, X509* signer, X509* issuer,
                                          bool by_ocsp, std::time_t stamped_at, std::string& why) {
  bool repeated[4] = {false, false, false, false};
  const auto certificate_refs = attribute_value(info, certificate_refs_oid, repeated[0]);
  const auto revocation_refs = attribute_value(info, revocation_refs_oid, repeated[1]);
  const auto certificate_values = attribute_value(info, certificate_values_oid, repeated[2]);
  const auto revocation_values = attribute_value(info, revocation_values_oid, repeated[3]);
  for (const bool r : repeated) {
    if (r) {
      why = "a validation-data attribute is repeated or has more than one value";
      return ValidationDataCheck::invalid;
    }
  }
  if (!certificate_refs || !revocation_refs || !certificate_values || !revocation_values) {
    why =
        "the profile requires complete-certificate-references, complete-revocation-references, certificate-values "
        "and revocation-values (CAdES-X-L)";
    return ValidationDataCheck::missing;
  }
  Values values;
  if (!read_validation_data(*certificate_refs, *revocation_refs, *certificate_values, *revocation_values, values,
                            why)) {
    return ValidationDataCheck::invalid;
  }
  const Status signer_status =
      by_ocsp ? ocsp_status(values, signer, issuer, stamped_at) : crl_status(values, signer, issuer, stamped_at);
  if (signer_status == Status::revoked) {
    why = std::string("the signer's certificate is revoked, says its ") + (by_ocsp ? "OCSP answer" : "CA's CRL");
    return ValidationDataCheck::signer_revoked;
  }
  if (signer_status == Status::stale) {
    why = std::string("the signer's status (") + (by_ocsp ? "OCSP answer" : "CRL") +
          ") was issued before the signature's time stamp: it says nothing of the signature";
    return ValidationDataCheck::invalid;
  }
  if (signer_status == Status::none) {
    why = by_ocsp ? "P4 requires a verified OCSP answer about the signer's certificate"
                  : "P3 requires its CA's verified CRL for the signer's certificate";
    return ValidationDataCheck::invalid;
  }
  // The TSA's certificate, its issuer among the values (the one whose key
  // signed it, not only one of the same name): by either means.
  const auto found = cades::signature_certificates(cms_der, why);
  if (!found) return ValidationDataCheck::invalid;
  X509* tsa_issuer = nullptr;
  for (const auto& candidate : values.certificates) {
    if (X509_check_issued(candidate.get(), found->tsa.get()) == X509_V_OK &&
        X509_verify(found->tsa.get(), X509_get0_pubkey(candidate.get())) == 1) {
      tsa_issuer = candidate.get();
    }
  }
  ERR_clear_error();
  Status tsa_status = Status::none;
  if (tsa_issuer != nullptr) {
    tsa_status = ocsp_status(values, found->tsa.get(), tsa_issuer, stamped_at);
    if (tsa_status != Status::good && tsa_status != Status::revoked) {
      tsa_status = better(tsa_status, crl_status(values, found->tsa.get(), tsa_issuer, stamped_at));
    }
  }
  if (tsa_status != Status::good) {
    why = tsa_issuer == nullptr           ? "certificate-values lacks the TSA certificate's issuer"
          : tsa_status == Status::revoked ? "the TSA's certificate is revoked"
          : tsa_status == Status::stale   ? "the TSA certificate's status was issued before the time stamp"
                                          : "no verified status data for the TSA's certificate";
    return ValidationDataCheck::invalid;
  }
  return ValidationDataCheck::valid;
}

}  // namespace nes::portal::approval
