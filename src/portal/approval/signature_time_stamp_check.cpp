#include "portal/approval/signature_time_stamp_check.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ts.h>

#include <memory>

namespace nes::portal::approval {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;
using TstInfoPtr = std::unique_ptr<TS_TST_INFO, Deleter<TS_TST_INFO, TS_TST_INFO_free>>;
using VerifyPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;

constexpr const char* signature_time_stamp_oid = "1.2.840.113549.1.9.16.2.14";

std::string openssl_error() {
  const unsigned long code = ERR_peek_last_error();
  char text[256] = "unknown error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return text;
}

// The one token of the one attribute; null with `why` otherwise.
Pkcs7Ptr the_token(CMS_SignerInfo* signer, bool& present, std::string& why) {
  ASN1_OBJECT* oid = OBJ_txt2obj(signature_time_stamp_oid, 1);
  const int first = oid != nullptr ? CMS_unsigned_get_attr_by_OBJ(signer, oid, -1) : -1;
  const int second = first >= 0 ? CMS_unsigned_get_attr_by_OBJ(signer, oid, first) : -1;
  ASN1_OBJECT_free(oid);
  present = first >= 0;
  if (!present) return nullptr;
  X509_ATTRIBUTE* attribute = CMS_unsigned_get_attr(signer, first);
  if (second >= 0 || X509_ATTRIBUTE_count(attribute) != 1) {
    why = "the signature must have exactly one signature-time-stamp with one token";
    return nullptr;
  }
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) {
    why = "the signature-time-stamp is not a TimeStampToken";
    return nullptr;
  }
  const unsigned char* in = ASN1_STRING_get0_data(value->value.sequence);
  const long size = ASN1_STRING_length(value->value.sequence);
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &in, size));
  if (!token || in != ASN1_STRING_get0_data(value->value.sequence) + size) {
    ERR_clear_error();
    why = "the signature-time-stamp is not a TimeStampToken in DER";
    return nullptr;
  }
  return token;
}

// The digest of the signature value with the algorithm the token names.
bool imprint_digest(CMS_SignerInfo* signer, const TS_TST_INFO* info, unsigned char* digest, unsigned int& size) {
  const X509_ALGOR* algorithm = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(const_cast<TS_TST_INFO*>(info)));
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
  const int nid = OBJ_obj2nid(oid);
  const EVP_MD* md = nid == NID_sha256   ? EVP_sha256()
                     : nid == NID_sha384 ? EVP_sha384()
                     : nid == NID_sha512 ? EVP_sha512()
                                         : nullptr;
  const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(signer);
  return md != nullptr && EVP_Digest(ASN1_STRING_get0_data(value), static_cast<std::size_t>(ASN1_STRING_length(value)),
                                     digest, &size, md, nullptr) == 1;
}

}  // namespace

TimeStampCheck check_signature_time_stamp(CMS_SignerInfo* signer, X509_STORE* anchors, const TimeStampWindow& window,
                                          std::string& why, std::time_t* stamped_at) {
  bool present = false;
  const auto token = the_token(signer, present, why);
  if (!present) {
    why = "the signature has no signature-time-stamp";
    return TimeStampCheck::missing;
  }
  if (!token) return TimeStampCheck::invalid;
  TstInfoPtr info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!info) {
    why = "the signature-time-stamp holds no TSTInfo: " + openssl_error();
    return TimeStampCheck::invalid;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!imprint_digest(signer, info.get(), digest, size)) {
    why = "the signature-time-stamp's hash algorithm is not SHA-256, SHA-384 or SHA-512";
    return TimeStampCheck::invalid;
  }
  VerifyPtr verify(TS_VERIFY_CTX_new());
  auto* imprint = static_cast<unsigned char*>(OPENSSL_memdup(digest, size));
  if (!verify || imprint == nullptr || X509_STORE_up_ref(anchors) != 1) {
    OPENSSL_free(imprint);
    why = "the time stamp's checks could not be set up";
    return TimeStampCheck::invalid;
  }
  // The context owns the imprint and the store reference from here.
  TS_VERIFY_CTX_set_imprint(verify.get(), imprint, static_cast<long>(size));
  TS_VERIFY_CTX_set_store(verify.get(), anchors);
  TS_VERIFY_CTX_set_flags(verify.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
  if (TS_RESP_verify_token(verify.get(), token.get()) != 1) {
    why = "the signature-time-stamp does not verify over the signature value with a trusted TSA: " + openssl_error();
    return TimeStampCheck::invalid;
  }
  std::tm tm{};
  if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(info.get()), &tm) != 1) {
    why = "the time stamp's time cannot be read";
    return TimeStampCheck::invalid;
  }
  const std::int64_t stamped_ms = static_cast<std::int64_t>(timegm(&tm)) * 1000;
  const std::int64_t signed_ms = static_cast<std::int64_t>(window.signed_at) * 1000;
  if (stamped_ms > window.now_ms + window.skew_ms) {
    why = "the time stamp's time is in the future";
    return TimeStampCheck::invalid;
  }
  if (signed_ms > stamped_ms + window.skew_ms) {
    why = "the signing time is after the time stamp's time";
    return TimeStampCheck::before_signing;
  }
  if (stamped_ms - signed_ms > window.max_gap_ms) {
    why = "the time stamp was made more than three hours after the signing time";
    return TimeStampCheck::late;
  }
  if (stamped_at != nullptr) *stamped_at = static_cast<std::time_t>(stamped_ms / 1000);
  return TimeStampCheck::valid;
}

}  // namespace nes::portal::approval
