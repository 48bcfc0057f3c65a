#include "timestamp/signature_time_stamp.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include <memory>

namespace nes::timestamp {

namespace {

struct CmsFree {
  void operator()(CMS_ContentInfo* p) const noexcept { CMS_ContentInfo_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

constexpr const char* signature_time_stamp_oid = "1.2.840.113549.1.9.16.2.14";

// The CMS and its one signer; null with `why` otherwise.
CmsPtr read_signed_data(std::string_view der, CMS_SignerInfo*& signer, std::string& why) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &in, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    why = "the signature is not a CMS SignedData in DER";
    return nullptr;
  }
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1) {
    why = "the signature must have exactly one signer";
    return nullptr;
  }
  signer = sk_CMS_SignerInfo_value(signers, 0);
  return cms;
}

}  // namespace

std::optional<std::string> signature_value_digest(std::string_view cms_der, std::string& why) {
  CMS_SignerInfo* signer = nullptr;
  const auto cms = read_signed_data(cms_der, signer, why);
  if (!cms) return std::nullopt;
  const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(signer);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(ASN1_STRING_get0_data(value), static_cast<std::size_t>(ASN1_STRING_length(value)), digest, &size,
                 EVP_sha256(), nullptr) != 1) {
    ERR_clear_error();
    why = "the signature value could not be hashed";
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::optional<std::string> with_signature_time_stamp(std::string_view cms_der, std::string_view token_der,
                                                     std::string& why) {
  CMS_SignerInfo* signer = nullptr;
  const auto cms = read_signed_data(cms_der, signer, why);
  if (!cms) return std::nullopt;
  ASN1_OBJECT* oid = OBJ_txt2obj(signature_time_stamp_oid, 1);
  const bool present = oid != nullptr && CMS_unsigned_get_attr_by_OBJ(signer, oid, -1) >= 0;
  // The token's DER is the attribute value as it is (a SEQUENCE).
  const bool added = oid != nullptr && !present &&
                     CMS_unsigned_add1_attr_by_OBJ(signer, oid, V_ASN1_SEQUENCE, token_der.data(),
                                                   static_cast<int>(token_der.size())) == 1;
  ASN1_OBJECT_free(oid);
  if (!added) {
    ERR_clear_error();
    why = present ? "the signature already has a signature-time-stamp" : "the time stamp could not be added";
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) {
    ERR_clear_error();
    why = "the time-stamped signature could not be encoded";
    return std::nullopt;
  }
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

}  // namespace nes::timestamp
