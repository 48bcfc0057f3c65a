#include "sign/cades.hpp"

#include "cades/attributes.hpp"
#include "sign/openssl_handles.hpp"

#include <openssl/err.h>

namespace nes::sign {

std::string openssl_errors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    out += (out.empty() ? "" : "; ") + std::string(text);
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

namespace {

// A signed attribute whose value is one DER SEQUENCE.
bool add_sequence(CMS_SignerInfo* signer, int nid, const std::optional<std::string>& der) {
  return der &&
         CMS_signed_add1_attr_by_NID(signer, nid, V_ASN1_SEQUENCE, der->data(), static_cast<int>(der->size())) == 1;
}

bool add_profile_attributes(CMS_SignerInfo* signer, const SignatureProfile& profile, std::string& why) {
  if (!add_sequence(signer, NID_id_smime_aa_ets_commitmentType,
                    cades::encode_commitment_type(cades::proof_of_approval_oid))) {
    why = "cannot add the commitment-type-indication: " + openssl_errors();
    return false;
  }
  if (!profile.has_policy()) return true;
  if (profile.policy_sha256.size() != 32) {
    why = "the signature policy's SHA-256 digest is not 32 bytes";
    return false;
  }
  const cades::PolicyReference policy{profile.policy_oid, std::string(cades::sha256_oid), profile.policy_sha256};
  if (!add_sequence(signer, NID_id_smime_aa_ets_sigPolicyId, cades::encode_signature_policy(policy))) {
    why = "cannot add the signature-policy-identifier for " + profile.policy_oid + ": " + openssl_errors();
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> make_cades(std::string_view document, const SignatureProfile& profile, X509* certificate,
                                      EVP_PKEY* key, std::string& why) {
  // CMS_CADES adds the ESS signing-certificate-v2 attribute (with the
  // issuer and serial); CMS_final adds content-type, message-digest and
  // signing-time, and signs every signed attribute added before it. No
  // S/MIME capabilities: CAdES does not want them.
  constexpr unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;
  ERR_clear_error();
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  BioPtr content(BIO_new_mem_buf(document.data(), static_cast<int>(document.size())));
  CMS_SignerInfo* signer = cms && content ? CMS_add1_signer(cms.get(), certificate, key, EVP_sha256(), flags) : nullptr;
  if (signer == nullptr) {
    why = openssl_errors();
    return std::nullopt;
  }
  if (!add_profile_attributes(signer, profile, why)) return std::nullopt;
  if (CMS_final(cms.get(), content.get(), nullptr, flags) != 1) {
    why = openssl_errors();
    return std::nullopt;
  }
  const int size = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (size <= 0) {
    why = openssl_errors();
    return std::nullopt;
  }
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_CMS_ContentInfo(cms.get(), &out);
  return der;
}

}  // namespace nes::sign
