#include "validation/long_term_values.hpp"

#include "cades/der.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include <array>
#include <memory>

namespace nes::validation {

namespace der = cades::der;

namespace {

struct CmsFree {
  void operator()(CMS_ContentInfo* p) const noexcept { CMS_ContentInfo_free(p); }
};
struct CertificateFree {
  void operator()(X509* p) const noexcept { X509_free(p); }
};

// OtherHash's otherHash: SHA-256 (RFC 5754: no parameters) and the digest.
std::string other_hash(std::string_view bytes) {
  static constexpr std::array<unsigned char, 13> sha256_algorithm = {0x30, 0x0B, 0x06, 0x09, 0x60, 0x86, 0x48,
                                                                     0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return der::sequence(
      std::string(reinterpret_cast<const char*>(sha256_algorithm.data()), sha256_algorithm.size()) +
      der::tlv(der::octet_string_tag, std::string_view(reinterpret_cast<const char*>(digest.data()), size)));
}

// OtherCertID: its hash and IssuerSerial { GeneralNames { [4] issuer }, serial }.
std::optional<std::string> other_cert_id(const std::string& certificate_der) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(certificate_der.data());
  const std::unique_ptr<X509, CertificateFree> certificate(
      d2i_X509(nullptr, &cursor, static_cast<long>(certificate_der.size())));
  if (!certificate) return std::nullopt;
  const std::string issuer = der::encoded<X509_NAME>(X509_get_issuer_name(certificate.get()), i2d_X509_NAME);
  const std::string serial = der::encoded<ASN1_INTEGER>(X509_get0_serialNumber(certificate.get()), i2d_ASN1_INTEGER);
  if (issuer.empty() || serial.empty()) return std::nullopt;
  const std::string issuer_serial = der::sequence(der::sequence(der::tlv(der::explicit_tag(4), issuer)) + serial);
  return der::sequence(other_hash(certificate_der) + issuer_serial);
}

// CrlOcspRef: [0] CRLListID { { CrlValidatedID } } or [1] OcspListID { { OcspResponsesID } }.
std::string revocation_ref(const Evidence& evidence) {
  if (const auto* ocsp = std::get_if<OcspEvidence>(&evidence)) {
    const std::string identifier = der::sequence(ocsp->responder_id_der + ocsp->produced_at_der);
    const std::string responses_id = der::sequence(identifier + other_hash(ocsp->basic_der));
    return der::sequence(der::tlv(der::explicit_tag(1), der::sequence(der::sequence(responses_id))));
  }
  const auto& crl = std::get<CrlEvidence>(evidence);
  const std::string identifier = der::sequence(crl.issuer_der + crl.this_update_der + crl.number_der);
  const std::string validated_id = der::sequence(other_hash(crl.der) + identifier);
  return der::sequence(der::tlv(der::explicit_tag(0), der::sequence(der::sequence(validated_id))));
}

// RevocationValues { [0] { CertificateList }, [1] { BasicOCSPResponse } }, each when there is one.
std::string revocation_values(const std::vector<Evidence>& statuses) {
  std::string crls;
  std::string answers;
  for (const auto& status : statuses) {
    if (const auto* ocsp = std::get_if<OcspEvidence>(&status)) {
      answers += ocsp->basic_der;
    } else {
      crls += std::get<CrlEvidence>(status).der;
    }
  }
  std::string content;
  if (!crls.empty()) content += der::tlv(der::explicit_tag(0), der::sequence(crls));
  if (!answers.empty()) content += der::tlv(der::explicit_tag(1), der::sequence(answers));
  return der::sequence(content);
}

bool add_attribute(CMS_SignerInfo* signer, const char* oid_text, const std::string& value) {
  ASN1_OBJECT* oid = OBJ_txt2obj(oid_text, 1);
  const bool added =
      oid != nullptr && CMS_unsigned_get_attr_by_OBJ(signer, oid, -1) < 0 &&
      CMS_unsigned_add1_attr_by_OBJ(signer, oid, V_ASN1_SEQUENCE, value.data(), static_cast<int>(value.size())) == 1;
  ASN1_OBJECT_free(oid);
  return added;
}

}  // namespace

std::optional<std::string> with_validation_data(std::string_view cms_der, const ValidationData& data,
                                                std::string& why) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(cms_der.data());
  const std::unique_ptr<CMS_ContentInfo, CmsFree> cms(
      d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(cms_der.size())));
  STACK_OF(CMS_SignerInfo)* signers = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) {
    ERR_clear_error();
    why = "the signature is not a CMS SignedData with one signer";
    return std::nullopt;
  }
  CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
  std::string certificate_refs;
  std::string certificate_values;
  for (const auto& certificate : data.certificates_der) {
    const auto id = other_cert_id(certificate);
    if (!id) {
      why = "a certificate of the validation data cannot be read";
      return std::nullopt;
    }
    certificate_refs += *id;
    certificate_values += certificate;
  }
  std::string revocation_refs;
  for (const auto& status : data.statuses) revocation_refs += revocation_ref(status);

  if (!add_attribute(signer, certificate_refs_oid, der::sequence(certificate_refs)) ||
      !add_attribute(signer, revocation_refs_oid, der::sequence(revocation_refs)) ||
      !add_attribute(signer, certificate_values_oid, der::sequence(certificate_values)) ||
      !add_attribute(signer, revocation_values_oid, revocation_values(data.statuses))) {
    ERR_clear_error();
    why = "the signature already has validation data, or it cannot be added";
    return std::nullopt;
  }
  std::string out = der::encoded<CMS_ContentInfo>(cms.get(), i2d_CMS_ContentInfo);
  if (out.empty()) {
    ERR_clear_error();
    why = "the signature with its validation data cannot be encoded";
    return std::nullopt;
  }
  return out;
}

}  // namespace nes::validation
