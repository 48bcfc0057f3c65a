#include "cms_sign.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/crypto/openssl_ptr.hpp"
#include "portal/demo_data.hpp"

#include <nes/signature_profile.hpp>

#include <openssl/ess.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace nes::test {

namespace crypto = portal::crypto;

namespace {

crypto::BioPtr bio(std::string_view bytes) {
  return crypto::BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

crypto::CertPtr certificate_of(const portal::pki::Credential& credential) {
  auto in = bio(credential.certificate_pem);
  return crypto::CertPtr(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
}

std::string der_of(CMS_ContentInfo* cms) {
  const crypto::BioPtr out(BIO_new(BIO_s_mem()));
  i2d_CMS_bio(out.get(), cms);
  char* bytes = nullptr;
  const long size = BIO_get_mem_data(out.get(), &bytes);
  return std::string(bytes, static_cast<std::size_t>(size));
}

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("cms_sign: ") + what);
}

void add_sequence(CMS_SignerInfo* si, int nid, const std::optional<std::string>& der) {
  check(der && CMS_signed_add1_attr_by_NID(si, nid, V_ASN1_SEQUENCE, der->data(), static_cast<int>(der->size())) == 1,
        "add attribute");
}

template <class T, class Encode>
std::string der_with(T* value, Encode encode) {
  unsigned char* out = nullptr;
  const int size = encode(value, &out);
  check(size > 0, "encode");
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(size));
  OPENSSL_free(out);
  return der;
}

// Signs the signed attributes again as they stand (after one was removed):
// their DER SET OF, sorted as DER wants it, signed with SHA-256.
void sign_again(CMS_SignerInfo* si, EVP_PKEY* key) {
  std::vector<std::string> attributes;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    attributes.push_back(der_with(CMS_signed_get_attr(si, i), i2d_X509_ATTRIBUTE));
  }
  std::sort(attributes.begin(), attributes.end());
  std::string content;
  for (const auto& a : attributes) content += a;
  std::string set(static_cast<std::size_t>(ASN1_object_size(1, static_cast<int>(content.size()), V_ASN1_SET)), '\0');
  auto* p = reinterpret_cast<unsigned char*>(set.data());
  ASN1_put_object(&p, 1, static_cast<int>(content.size()), V_ASN1_SET, V_ASN1_UNIVERSAL);
  std::copy(content.begin(), content.end(), p);

  EVP_MD_CTX* md = EVP_MD_CTX_new();
  std::size_t length = 0;
  check(EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestSign(md, nullptr, &length, reinterpret_cast<const unsigned char*>(set.data()), set.size()) == 1,
        "sign init");
  std::vector<unsigned char> signature(length);
  check(EVP_DigestSign(md, signature.data(), &length, reinterpret_cast<const unsigned char*>(set.data()), set.size()) ==
            1,
        "sign");
  EVP_MD_CTX_free(md);
  check(ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(), static_cast<int>(length)) == 1,
        "set signature");
}

struct TestTsa {
  portal::pki::Credential ca;
  portal::pki::Credential tsa;
};

TestTsa make_tsa(const char* name) {
  auto ca = portal::pki::make_ca({.common_name = std::string(name) + " CA", .certificate_authority = true});
  auto tsa = portal::pki::issue(ca, {.common_name = name, .time_stamping = true});
  return {std::move(ca), std::move(tsa)};
}

const TestTsa& trusted_tsa() {
  static const TestTsa tsa = make_tsa("NES CMS_SIGN TEST TSA");
  return tsa;
}

int fixed_time(TS_RESP_CTX* /*ctx*/, void* data, long* seconds, long* microseconds) {
  *seconds = static_cast<long>(*static_cast<const std::time_t*>(data));
  *microseconds = 0;
  return 1;
}

// An RFC 3161 token over SHA-256 of `bytes` by `tsa`, at `at`.
std::string time_stamp_token(const portal::pki::Credential& tsa, std::string_view bytes, std::time_t at) {
  unsigned char digest[32];
  check(EVP_Digest(bytes.data(), bytes.size(), digest, nullptr, EVP_sha256(), nullptr) == 1, "digest");
  TS_REQ* request = TS_REQ_new();
  TS_MSG_IMPRINT* imprint = TS_MSG_IMPRINT_new();
  X509_ALGOR* algorithm = X509_ALGOR_new();
  check(request && imprint && algorithm && TS_REQ_set_version(request, 1) == 1 &&
            X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) == 1 &&
            TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1 && TS_MSG_IMPRINT_set_msg(imprint, digest, 32) == 1 &&
            TS_REQ_set_msg_imprint(request, imprint) == 1 && TS_REQ_set_cert_req(request, 1) == 1,
        "time-stamp query");
  const std::string query = der_with(request, i2d_TS_REQ);
  TS_REQ_free(request);
  TS_MSG_IMPRINT_free(imprint);
  X509_ALGOR_free(algorithm);

  const auto cert = certificate_of(tsa);
  auto key_bio = bio(tsa.private_key_pem.reveal());
  const crypto::KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  TS_RESP_CTX* ctx = TS_RESP_CTX_new();
  ASN1_OBJECT* policy = OBJ_txt2obj("0.4.0.2023.1.1", 1);
  check(ctx && cert && key && TS_RESP_CTX_set_signer_cert(ctx, cert.get()) == 1 &&
            TS_RESP_CTX_set_signer_key(ctx, key.get()) == 1 && TS_RESP_CTX_set_def_policy(ctx, policy) == 1 &&
            TS_RESP_CTX_add_md(ctx, EVP_sha256()) == 1 && TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256()) == 1,
        "TSA");
  TS_RESP_CTX_set_time_cb(ctx, fixed_time, &at);
  auto in = bio(query);
  TS_RESP* response = TS_RESP_create_response(ctx, in.get());
  check(response != nullptr && TS_RESP_get_token(response) != nullptr, "time stamp");
  std::string token = der_with(TS_RESP_get_token(response), i2d_PKCS7);
  TS_RESP_free(response);
  TS_RESP_CTX_free(ctx);
  ASN1_OBJECT_free(policy);
  return token;
}

void add_time_stamp(CMS_SignerInfo* si, const CadesOptions& options) {
  if (options.stamp == CadesOptions::Stamp::none) return;
  static const TestTsa untrusted = make_tsa("NES CMS_SIGN UNTRUSTED TSA");
  const auto* value = CMS_SignerInfo_get0_signature(si);
  std::string bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                    static_cast<std::size_t>(ASN1_STRING_length(value)));
  if (options.stamp == CadesOptions::Stamp::over_other_bytes) bytes += "!";
  const auto& tsa = options.stamp == CadesOptions::Stamp::untrusted ? untrusted.tsa : trusted_tsa().tsa;
  const std::string token = time_stamp_token(tsa, bytes, options.stamped_at.value_or(std::time(nullptr)));
  ASN1_OBJECT* oid = OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1);
  check(CMS_unsigned_add1_attr_by_OBJ(si, oid, V_ASN1_SEQUENCE, token.data(), static_cast<int>(token.size())) == 1,
        "signature-time-stamp");
  ASN1_OBJECT_free(oid);
}

}  // namespace

const portal::pki::Credential& test_tsa() { return trusted_tsa().tsa; }
const std::string& test_tsa_ca_pem() { return trusted_tsa().ca.certificate_pem; }

cades::PolicyReference demo_policy() {
  const auto digest = crypto::sha256(portal::demo_signature_policy());
  return {std::string(*turkish_policy_oid("P2")), std::string(cades::sha256_oid),
          std::string(digest.begin(), digest.end())};
}

std::string sign_detached(const portal::pki::Credential& signer, std::string_view content,
                          const CadesOptions& options) {
  auto key_bio = bio(signer.private_key_pem.reveal());
  const auto cert = certificate_of(signer);
  const crypto::KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  check(cert && key, "credential");
  unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  if (options.ess == CadesOptions::Ess::v2) flags |= CMS_CADES;
  const crypto::CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_SignerInfo* si = cms ? CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), flags) : nullptr;
  check(si != nullptr, "signer");

  if (options.ess == CadesOptions::Ess::v1_only) {
    ESS_SIGNING_CERT* v1 = OSSL_ESS_signing_cert_new_init(cert.get(), nullptr, 1);
    add_sequence(si, NID_id_smime_aa_signingCertificate, der_with(v1, i2d_ESS_SIGNING_CERT));
    ESS_SIGNING_CERT_free(v1);
  } else if (options.ess == CadesOptions::Ess::v2_of_another_certificate) {
    const auto other = certificate_of(*options.ess_certificate);
    ESS_SIGNING_CERT_V2* v2 = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), other.get(), nullptr, 1);
    add_sequence(si, NID_id_smime_aa_signingCertificateV2, der_with(v2, i2d_ESS_SIGNING_CERT_V2));
    ESS_SIGNING_CERT_V2_free(v2);
  }
  if (options.signing_time) {
    ASN1_TIME* time = ASN1_TIME_set(nullptr, *options.signing_time);
    check(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, time->type, time, -1) == 1, "signing time");
    ASN1_TIME_free(time);
  }
  if (options.implied_policy) {
    check(CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_ets_sigPolicyId, V_ASN1_NULL, nullptr, -1) == 1, "NULL");
  } else if (options.policy) {
    add_sequence(si, NID_id_smime_aa_ets_sigPolicyId, cades::encode_signature_policy(*options.policy));
  }
  for (int i = 0; options.commitment && i < options.commitment_copies; ++i) {
    add_sequence(si, NID_id_smime_aa_ets_commitmentType, cades::encode_commitment_type(*options.commitment));
  }
  auto data = bio(content);
  check(CMS_final(cms.get(), data.get(), nullptr, flags) == 1, "final");
  if (options.omit_signing_time) {
    X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)));
    sign_again(si, key.get());
  }
  add_time_stamp(si, options);
  return der_of(cms.get());
}

std::string sign_plain_cms(const portal::pki::Credential& signer, std::string_view content) {
  auto key_bio = bio(signer.private_key_pem.reveal());
  const auto cert = certificate_of(signer);
  const crypto::KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  auto data = bio(content);
  const crypto::CmsPtr cms(CMS_sign(cert.get(), key.get(), nullptr, data.get(), CMS_DETACHED | CMS_BINARY));
  check(cert && key && cms, "CMS_sign");
  return der_of(cms.get());
}

}  // namespace nes::test
