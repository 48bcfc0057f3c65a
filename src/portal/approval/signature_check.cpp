#include "portal/approval/signature_check.hpp"

#include "cades/qualified_certificate.hpp"
#include "portal/approval/signature_time_stamp_check.hpp"
#include "portal/approval/signed_attributes.hpp"
#include "portal/approval/validation_data_check.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/crypto/openssl_ptr.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace nes::portal::approval {

namespace {

using crypto::BioPtr;
using crypto::CmsPtr;
using crypto::OpenSslPtr;
using crypto::StoreCtxPtr;

void free_certs(STACK_OF(X509) * certs) { sk_X509_pop_free(certs, X509_free); }
void free_stack_only(STACK_OF(X509) * certs) { sk_X509_free(certs); }
void free_infos(STACK_OF(X509_INFO) * infos) { sk_X509_INFO_pop_free(infos, X509_INFO_free); }
using CertsPtr = OpenSslPtr<STACK_OF(X509), free_certs>;
using CertRefsPtr = OpenSslPtr<STACK_OF(X509), free_stack_only>;
using InfosPtr = OpenSslPtr<STACK_OF(X509_INFO), free_infos>;

// The newest OpenSSL error as text, and the queue emptied.
std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string subject_serial_number(X509* certificate) {
  const X509_NAME* subject = X509_get_subject_name(certificate);
  const int index = X509_NAME_get_index_by_NID(subject, NID_serialNumber, -1);
  if (index < 0) return {};
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

// The verdict accepted, with the signer's certificate as PEM and its T.C. Kimlik No.
SignatureResult accepted(X509* signer) {
  const crypto::BioPtr bio(BIO_new(BIO_s_mem()));
  SignatureResult result{Verdict::accepted, {}, {}, subject_serial_number(signer)};
  if (bio && PEM_write_bio_X509(bio.get(), signer) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    result.signer_certificate_pem.assign(data, static_cast<std::size_t>(size));
  }
  return result;
}

}  // namespace

std::string_view to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::accepted:
      return "accepted";
    case Verdict::signature_invalid:
      return "signature_invalid";
    case Verdict::signer_untrusted:
      return "signer_untrusted";
    case Verdict::signer_certificate_expired:
      return "signer_certificate_expired";
    case Verdict::signer_not_applicant:
      return "signer_not_applicant";
    case Verdict::signer_not_non_repudiation:
      return "signer_not_non_repudiation";
    case Verdict::signer_not_qualified:
      return "signer_not_qualified";
    case Verdict::signing_certificate_missing:
      return "signing_certificate_missing";
    case Verdict::signing_certificate_mismatch:
      return "signing_certificate_mismatch";
    case Verdict::signing_time_missing:
      return "signing_time_missing";
    case Verdict::signing_time_implausible:
      return "signing_time_implausible";
    case Verdict::signature_policy_missing:
      return "signature_policy_missing";
    case Verdict::signature_policy_mismatch:
      return "signature_policy_mismatch";
    case Verdict::commitment_type_missing:
      return "commitment_type_missing";
    case Verdict::signature_time_stamp_missing:
      return "signature_time_stamp_missing";
    case Verdict::signature_time_stamp_invalid:
      return "signature_time_stamp_invalid";
    case Verdict::signature_time_stamp_late:
      return "signature_time_stamp_late";
    case Verdict::validation_data_missing:
      return "validation_data_missing";
    case Verdict::validation_data_invalid:
      return "validation_data_invalid";
    case Verdict::signer_revoked:
      return "signer_revoked";
  }
  return "signature_invalid";
}

struct SignatureChecker::Impl {
  X509_STORE* store = X509_STORE_new();
  X509_STORE* tsa_store = X509_STORE_new();
  SignatureRequirement requirement;
  ~Impl() {
    X509_STORE_free(store);
    X509_STORE_free(tsa_store);
  }
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

SignatureChecker::SignatureChecker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SignatureChecker::~SignatureChecker() = default;

const SignatureRequirement& SignatureChecker::requirement() const noexcept { return impl_->requirement; }

namespace {

// Every certificate of every PEM text into `store`; false when a text has none.
bool add_anchors(X509_STORE* store, const std::vector<std::string>& texts) {
  for (const auto& pem : texts) {
    auto bio = memory_bio(pem);
    InfosPtr infos(PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, nullptr));
    int added = 0;
    for (int i = 0; infos && i < sk_X509_INFO_num(infos.get()); ++i) {
      X509* certificate = sk_X509_INFO_value(infos.get(), i)->x509;
      if (certificate != nullptr && X509_STORE_add_cert(store, certificate) == 1) ++added;
    }
    ERR_clear_error();
    if (added == 0) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<SignatureChecker> SignatureChecker::make(const std::vector<std::string>& anchors_pem,
                                                         const std::vector<std::string>& tsa_anchors_pem,
                                                         SignatureRequirement requirement, std::string& detail) {
  auto impl = std::make_unique<Impl>();
  impl->requirement = std::move(requirement);
  if (!add_anchors(impl->store, anchors_pem)) {
    detail = "a trust anchor holds no usable PEM certificate";
    return nullptr;
  }
  if (!add_anchors(impl->tsa_store, tsa_anchors_pem)) {
    detail = "a TSA trust anchor holds no usable PEM certificate";
    return nullptr;
  }
  if (impl->requirement.time_stamp && tsa_anchors_pem.empty()) {
    detail = "profile " + impl->requirement.profile + " requires time-stamped signatures and no TSA is trusted";
    return nullptr;
  }
  return std::unique_ptr<SignatureChecker>(new SignatureChecker(std::move(impl)));
}

namespace {

// The policy and commitment a Turkish profile requires.
std::optional<SignatureResult> check_profile(CMS_SignerInfo* signer, const SignatureRequirement& requirement) {
  if (!requirement.policy) return std::nullopt;
  const auto& wanted = *requirement.policy;
  std::string why;
  const auto policy = signature_policy(signer, why);
  if (!policy && why.empty()) {
    return SignatureResult{Verdict::signature_policy_missing, "the portal requires profile " + requirement.profile +
                                                                  " (policy " + wanted.oid +
                                                                  "); the signature names no signature policy"};
  }
  if (!policy) return SignatureResult{Verdict::signature_policy_mismatch, why};
  if (policy->oid != wanted.oid) {
    return SignatureResult{Verdict::signature_policy_mismatch, "the signature names the policy " + policy->oid +
                                                                   "; profile " + requirement.profile + " requires " +
                                                                   wanted.oid};
  }
  if (policy->digest_algorithm != wanted.digest_algorithm || policy->digest != wanted.digest) {
    return SignatureResult{
        Verdict::signature_policy_mismatch,
        "the policy's digest is not the SHA-256 of the policy document (" + crypto::hex_encode(wanted.digest) + ")"};
  }
  const auto commitment = commitment_type(signer, why);
  if (!commitment || *commitment != cades::proof_of_approval_oid) {
    return SignatureResult{Verdict::commitment_type_missing,
                           !why.empty() ? why
                           : commitment ? "the commitment type is " + *commitment + ", not proof of approval"
                                        : "the signature has no commitment-type-indication"};
  }
  return std::nullopt;
}

}  // namespace

SignatureResult SignatureChecker::check(std::string_view cms_der, std::string_view content,
                                        std::string_view applicant_tckn, const SigningWindow& window) const {
  auto der = memory_bio(cms_der);
  CmsPtr cms(d2i_CMS_bio(der.get(), nullptr));
  if (!cms) return {Verdict::signature_invalid, "not a CMS structure in DER: " + openssl_error()};
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    return {Verdict::signature_invalid, "the CMS is not SignedData"};
  }
  if (CMS_is_detached(cms.get()) != 1) return {Verdict::signature_invalid, "the signature must be detached"};
  if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get())) != 1) {
    return {Verdict::signature_invalid, "the CMS must have exactly one signer"};
  }
  CMS_SignerInfo* info = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  if (auto repeated = repeated_attribute(info)) return {Verdict::signature_invalid, std::move(*repeated)};
  // Behind a buffer filter: OpenSSL 3.0's CMS_verify copies a memory BIO into
  // one of its own and leaks that copy when the CMS's content cannot be
  // opened (found by fuzz_signature_upload); any other BIO it uses as it is.
  auto data = memory_bio(content);
  BioPtr buffered(BIO_new(BIO_f_buffer()));
  if (!buffered) return {Verdict::signature_invalid, "cannot read the approval document: " + openssl_error()};
  BIO_push(buffered.get(), data.release());
  // The signature first, the signer's certificate on its own below, so that
  // each failure gets its own answer.
  if (CMS_verify(cms.get(), nullptr, nullptr, buffered.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    return {Verdict::signature_invalid, "the signature does not verify over the approval document: " + openssl_error()};
  }
  // CMS_get0_signers' stack holds no references of its own.
  CertRefsPtr signers(CMS_get0_signers(cms.get()));
  if (!signers || sk_X509_num(signers.get()) != 1) {
    return {Verdict::signature_invalid, "the signer's certificate is not in the CMS"};
  }
  X509* signer = sk_X509_value(signers.get(), 0);

  std::string why;
  switch (check_signing_certificate(info, signer, why)) {
    case SigningCertificate::missing:
      return {Verdict::signing_certificate_missing, why};
    case SigningCertificate::mismatch:
      return {Verdict::signing_certificate_mismatch, why};
    case SigningCertificate::matches:
      break;
  }
  const auto signed_at = signing_time(info, why);
  if (!signed_at) return {Verdict::signing_time_missing, why};
  const std::int64_t signed_at_ms = static_cast<std::int64_t>(*signed_at) * 1000;
  if (signed_at_ms > window.now_ms + window.skew_ms) {
    return {Verdict::signing_time_implausible, "the signing time is in the future"};
  }
  if (signed_at_ms < window.not_before_ms - window.skew_ms) {
    return {Verdict::signing_time_implausible, "the signing time is before the application was made"};
  }

  CertsPtr bundled(CMS_get1_certs(cms.get()));
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), impl_->store, signer, bundled.get()) != 1) {
    return {Verdict::signer_untrusted, "cannot set up chain verification: " + openssl_error()};
  }
  // The chain as it stood when the signature was made (CAdES-BES).
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), *signed_at);
  if (X509_verify_cert(ctx.get()) != 1) {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    if (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID) {
      return {Verdict::signer_certificate_expired, std::string("at the signing time, ") +
                                                       X509_verify_cert_error_string(error) + " (depth " +
                                                       std::to_string(X509_STORE_CTX_get_error_depth(ctx.get())) + ")"};
    }
    return {Verdict::signer_untrusted, std::string("the signer's certificate does not chain to a trust anchor: ") +
                                           X509_verify_cert_error_string(error)};
  }
  if (subject_serial_number(signer).empty() ||
      (!applicant_tckn.empty() && subject_serial_number(signer) != applicant_tckn)) {
    return {Verdict::signer_not_applicant, "the signer's subject serialNumber is not the applicant's T.C. Kimlik No"};
  }
  const auto facts = cades::qualified_facts(signer);
  if (!facts.non_repudiation) {
    return {Verdict::signer_not_non_repudiation, "the signer's certificate does not allow nonRepudiation"};
  }
  if (!facts.qualified()) {
    return {Verdict::signer_not_qualified, "the signer's certificate is not a qualified NES: " + facts.missing()};
  }
  if (auto refused = check_profile(info, impl_->requirement)) return std::move(*refused);
  const TimeStampWindow stamp_window{*signed_at, window.now_ms, window.skew_ms};
  std::time_t stamped_at = *signed_at;  // the signing time, until a time stamp says better
  switch (check_signature_time_stamp(info, impl_->tsa_store, stamp_window, why, &stamped_at)) {
    case TimeStampCheck::valid:
      break;
    case TimeStampCheck::missing:
      if (impl_->requirement.time_stamp) {
        return {Verdict::signature_time_stamp_missing,
                "profile " + impl_->requirement.profile + " requires a signature-time-stamp (CAdES-T); " + why};
      }
      break;
    case TimeStampCheck::invalid:
      return {Verdict::signature_time_stamp_invalid, why};
    case TimeStampCheck::late:
      return {Verdict::signature_time_stamp_late, why};
    case TimeStampCheck::before_signing:
      return {Verdict::signing_time_implausible, why};
  }
  if (impl_->requirement.validation_data == ValidationDataMeans::none) return accepted(signer);
  // The signer's issuer is the next certificate of the path just verified.
  STACK_OF(X509)* path = X509_STORE_CTX_get0_chain(ctx.get());
  X509* issuer = sk_X509_num(path) > 1 ? sk_X509_value(path, 1) : signer;
  switch (check_validation_data(cms_der, info, signer, issuer,
                                impl_->requirement.validation_data == ValidationDataMeans::ocsp, stamped_at, why)) {
    case ValidationDataCheck::valid:
      break;
    case ValidationDataCheck::missing:
      return {Verdict::validation_data_missing, "profile " + impl_->requirement.profile + ": " + why};
    case ValidationDataCheck::invalid:
      return {Verdict::validation_data_invalid, why};
    case ValidationDataCheck::signer_revoked:
      return {Verdict::signer_revoked, why};
  }
  return accepted(signer);
}

}  // namespace nes::portal::approval
