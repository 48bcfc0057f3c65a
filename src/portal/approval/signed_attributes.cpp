#include "portal/approval/signed_attributes.hpp"

#include <openssl/err.h>
#include <openssl/ess.h>

#include <array>
#include <memory>

namespace nes::portal::approval {

namespace {

// The attributes of CAdES (ETSI EN 319 122-1) that a signer carries once.
constexpr std::array once_only = {
    NID_pkcs9_contentType,
    NID_pkcs9_messageDigest,
    NID_pkcs9_signingTime,
    NID_id_smime_aa_signingCertificate,
    NID_id_smime_aa_signingCertificateV2,
    NID_id_smime_aa_ets_sigPolicyId,
    NID_id_smime_aa_ets_commitmentType,
};

// The DER of a SEQUENCE value, as the attribute holds it.
std::optional<std::string_view> sequence_der(const ASN1_TYPE* value) {
  if (value == nullptr || value->type != V_ASN1_SEQUENCE || value->value.sequence == nullptr) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(value->value.sequence->data),
                          static_cast<std::size_t>(value->value.sequence->length));
}

struct EssFree {
  void operator()(ESS_SIGNING_CERT_V2* p) const noexcept { ESS_SIGNING_CERT_V2_free(p); }
};
struct StackFree {
  void operator()(STACK_OF(X509) * p) const noexcept { sk_X509_free(p); }
};

}  // namespace

std::optional<std::string> repeated_attribute(CMS_SignerInfo* signer) {
  for (const int nid : once_only) {
    const int first = CMS_signed_get_attr_by_NID(signer, nid, -1);
    if (first < 0) continue;
    if (CMS_signed_get_attr_by_NID(signer, nid, first) >= 0) {
      return std::string("the signed attribute ") + OBJ_nid2ln(nid) + " appears more than once";
    }
    if (X509_ATTRIBUTE_count(CMS_signed_get_attr(signer, first)) != 1) {
      return std::string("the signed attribute ") + OBJ_nid2ln(nid) + " must have exactly one value";
    }
  }
  return std::nullopt;
}

const ASN1_TYPE* attribute_value(CMS_SignerInfo* signer, int nid) {
  const int index = CMS_signed_get_attr_by_NID(signer, nid, -1);
  if (index < 0) return nullptr;
  return X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer, index), 0);
}

std::optional<std::time_t> signing_time(CMS_SignerInfo* signer, std::string& why) {
  const ASN1_TYPE* value = attribute_value(signer, NID_pkcs9_signingTime);
  if (value == nullptr) {
    why = "the signature has no signing-time attribute";
    return std::nullopt;
  }
  // RFC 5652, 11.3: UTCTime or GeneralizedTime.
  const ASN1_TIME* time = value->type == V_ASN1_UTCTIME           ? value->value.utctime
                          : value->type == V_ASN1_GENERALIZEDTIME ? value->value.generalizedtime
                                                                  : nullptr;
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_check(time) != 1 || ASN1_TIME_to_tm(time, &parts) != 1) {
    ERR_clear_error();
    why = "the signing-time attribute is not a UTCTime or GeneralizedTime";
    return std::nullopt;
  }
  return timegm(&parts);
}

SigningCertificate check_signing_certificate(CMS_SignerInfo* signer, X509* certificate, std::string& why) {
  const ASN1_TYPE* value = attribute_value(signer, NID_id_smime_aa_signingCertificateV2);
  if (value == nullptr) {
    why = attribute_value(signer, NID_id_smime_aa_signingCertificate) != nullptr
              ? "the signature has only the ESS signing-certificate attribute (SHA-1); CAdES requires "
                "signing-certificate-v2"
              : "the signature has no ESS signing-certificate-v2 attribute";
    return SigningCertificate::missing;
  }
  const auto der = sequence_der(value);
  const auto* in = der ? reinterpret_cast<const unsigned char*>(der->data()) : nullptr;
  std::unique_ptr<ESS_SIGNING_CERT_V2, EssFree> ess(
      in != nullptr ? d2i_ESS_SIGNING_CERT_V2(nullptr, &in, static_cast<long>(der->size())) : nullptr);
  if (!ess || in != reinterpret_cast<const unsigned char*>(der->data() + der->size())) {
    ERR_clear_error();
    why = "the signing-certificate-v2 attribute is not a SigningCertificateV2";
    return SigningCertificate::mismatch;
  }
  std::unique_ptr<STACK_OF(X509), StackFree> chain(sk_X509_new_null());
  if (!chain || sk_X509_push(chain.get(), certificate) <= 0 ||
      OSSL_ESS_check_signing_certs(nullptr, ess.get(), chain.get(), 1) != 1) {
    ERR_clear_error();
    why = "the signing-certificate-v2 attribute does not name the certificate that signed";
    return SigningCertificate::mismatch;
  }
  return SigningCertificate::matches;
}

std::optional<cades::PolicyReference> signature_policy(CMS_SignerInfo* signer, std::string& why) {
  const ASN1_TYPE* value = attribute_value(signer, NID_id_smime_aa_ets_sigPolicyId);
  if (value == nullptr) return std::nullopt;
  if (value->type == V_ASN1_NULL) {
    why = "the signature declares an implied policy; the profile requires its policy by OID and digest";
    return std::nullopt;
  }
  const auto der = sequence_der(value);
  auto policy = der ? cades::decode_signature_policy(*der) : std::nullopt;
  if (!policy) why = "the signature-policy-identifier attribute is not a SignaturePolicyId";
  return policy;
}

std::optional<std::string> commitment_type(CMS_SignerInfo* signer, std::string& why) {
  const ASN1_TYPE* value = attribute_value(signer, NID_id_smime_aa_ets_commitmentType);
  if (value == nullptr) return std::nullopt;
  const auto der = sequence_der(value);
  auto oid = der ? cades::decode_commitment_type(*der) : std::nullopt;
  if (!oid) why = "the commitment-type-indication attribute is not a CommitmentTypeIndication";
  return oid;
}

}  // namespace nes::portal::approval
