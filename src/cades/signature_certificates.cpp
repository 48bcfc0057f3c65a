#include "cades/signature_certificates.hpp"

#include "cades/der.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace nes::cades {

namespace {

constexpr const char* signature_time_stamp_oid = "1.2.840.113549.1.9.16.2.14";
constexpr std::size_t longest_path = 8;

struct CmsFree {
  void operator()(CMS_ContentInfo* p) const noexcept { CMS_ContentInfo_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

CmsPtr parse_cms(const unsigned char* data, std::size_t size) {
  const unsigned char* cursor = data;
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(size)));
  if (!cms || cursor != data + size || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) return nullptr;
  return cms;
}

// The one signer's certificate among those the CMS carries, which are all kept in `carried`.
CertificatePtr signer_of(CMS_ContentInfo* cms, CMS_SignerInfo*& info, std::vector<CertificatePtr>& carried) {
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms);
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) return nullptr;
  info = sk_CMS_SignerInfo_value(signers, 0);
  STACK_OF(X509)* certificates = CMS_get1_certs(cms);
  CertificatePtr found;
  for (int i = 0; i < sk_X509_num(certificates); ++i) {
    X509* certificate = sk_X509_value(certificates, i);
    if (!found && CMS_SignerInfo_cert_cmp(info, certificate) == 0) {
      X509_up_ref(certificate);
      found.reset(certificate);
    }
    X509_up_ref(certificate);
    carried.emplace_back(certificate);
  }
  sk_X509_pop_free(certificates, X509_free);
  return found;
}

}  // namespace

std::optional<SignatureCertificates> signature_certificates(std::string_view cms_der, std::string& why) {
  SignatureCertificates out;
  const auto cms = parse_cms(reinterpret_cast<const unsigned char*>(cms_der.data()), cms_der.size());
  CMS_SignerInfo* info = nullptr;
  if (cms) out.signer = signer_of(cms.get(), info, out.carried);
  if (!out.signer) {
    ERR_clear_error();
    why = "the signature is not a CMS SignedData with one signer whose certificate it carries";
    return std::nullopt;
  }
  ASN1_OBJECT* oid = OBJ_txt2obj(signature_time_stamp_oid, 1);
  const int at = oid != nullptr ? CMS_unsigned_get_attr_by_OBJ(info, oid, -1) : -1;
  ASN1_OBJECT_free(oid);
  X509_ATTRIBUTE* attribute = at >= 0 ? CMS_unsigned_get_attr(info, at) : nullptr;
  const ASN1_TYPE* value = attribute != nullptr ? X509_ATTRIBUTE_get0_type(attribute, 0) : nullptr;
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) {
    ERR_clear_error();
    why = "the signature has no signature-time-stamp (P3 and P4 are CAdES-T first: use a TimestampingSigner)";
    return std::nullopt;
  }
  const auto token = parse_cms(ASN1_STRING_get0_data(value->value.sequence),
                               static_cast<std::size_t>(ASN1_STRING_length(value->value.sequence)));
  CMS_SignerInfo* token_info = nullptr;
  if (token) out.tsa = signer_of(token.get(), token_info, out.carried);
  if (!out.tsa) {
    ERR_clear_error();
    why = "the signature-time-stamp does not carry its TSA's certificate";
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<X509*>> certification_path(X509* leaf, const std::vector<X509*>& pool) {
  std::vector<X509*> path{leaf};
  while (X509_check_issued(path.back(), path.back()) != X509_V_OK) {
    if (path.size() >= longest_path) return std::nullopt;
    X509* issuer = nullptr;
    for (X509* candidate : pool) {
      // The issuer's name and key identifiers, and its key verifies the certificate.
      if (X509_check_issued(candidate, path.back()) == X509_V_OK &&
          X509_verify(path.back(), X509_get0_pubkey(candidate)) == 1) {
        issuer = candidate;
        break;
      }
    }
    if (issuer == nullptr) return std::nullopt;
    path.push_back(issuer);
  }
  ERR_clear_error();
  return path;
}

std::vector<CertificatePtr> certificates_from_pem(std::string_view text) {
  std::vector<CertificatePtr> out;
  BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
  while (X509* certificate = bio != nullptr ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr) {
    out.emplace_back(certificate);
  }
  BIO_free(bio);
  ERR_clear_error();
  return out;
}

std::string certificate_der(X509* certificate) { return der::encoded<X509>(certificate, i2d_X509); }

}  // namespace nes::cades
