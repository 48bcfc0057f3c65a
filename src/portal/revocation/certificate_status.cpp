#include "portal/revocation/certificate_status.hpp"

#include "cades/der.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/crypto/openssl_ptr.hpp"
#include "portal/pki/test_pki.hpp"

#include <openssl/bn.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <array>
#include <cctype>
#include <ctime>

namespace nes::portal::revocation {

namespace {

using crypto::CertPtr;
using crypto::KeyPtr;
using crypto::OpenSslPtr;
using OcspRequestPtr = OpenSslPtr<OCSP_REQUEST, OCSP_REQUEST_free>;
using OcspResponsePtr = OpenSslPtr<OCSP_RESPONSE, OCSP_RESPONSE_free>;
using BasicResponsePtr = OpenSslPtr<OCSP_BASICRESP, OCSP_BASICRESP_free>;
using CertIdPtr = OpenSslPtr<OCSP_CERTID, OCSP_CERTID_free>;
using CrlPtr = OpenSslPtr<X509_CRL, X509_CRL_free>;
using TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using IntegerPtr = OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;

// More certificates in one request than a signature's path needs is not a question for us.
constexpr int max_certificates_per_request = 16;
constexpr long ocsp_validity_seconds = 3600;
constexpr long crl_validity_seconds = 24 * 3600;

constexpr std::array<std::string_view, 11> reason_names = {
    "unspecified",   "keyCompromise",        "cACompromise",    "affiliationChanged",
    "superseded",    "cessationOfOperation", "certificateHold", "",
    "removeFromCRL", "privilegeWithdrawn",   "aACompromise"};

std::string status_only(int status) {
  const OcspResponsePtr response(OCSP_response_create(status, nullptr));
  return response ? cades::der::encoded<OCSP_RESPONSE>(response.get(), i2d_OCSP_RESPONSE) : std::string();
}

CertPtr certificate_from_pem(std::string_view pem) {
  const crypto::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return CertPtr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

KeyPtr key_from_pem(const SecretString& pem) {
  const crypto::BioPtr bio(BIO_new_mem_buf(pem.reveal().data(), static_cast<int>(pem.size())));
  return KeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::string common_name(X509* certificate) {
  std::array<char, 256> name{};
  const int size = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name.data(),
                                             static_cast<int>(name.size()));
  return size > 0 ? std::string(name.data(), static_cast<std::size_t>(size)) : std::string("CA");
}

}  // namespace

std::optional<int> crl_reason_from_name(std::string_view name) {
  for (std::size_t i = 0; i < reason_names.size(); ++i) {
    if (!name.empty() && reason_names[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::string_view crl_reason_name(int reason) {
  const auto index = static_cast<std::size_t>(reason);
  return reason >= 0 && index < reason_names.size() && !reason_names[index].empty() ? reason_names[index]
                                                                                    : "unspecified";
}

std::optional<std::string> normalized_serial(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string out;
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    if (out.empty() && c == '0') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (out.size() > 40) return std::nullopt;  // RFC 5280: at most 20 octets
  return out.empty() ? std::string("0") : out;
}

// As the store keeps it: BN_bn2hex writes whole bytes, so "0F…" for a serial below 0x10….
std::string serial_hex(const ASN1_INTEGER* serial) {
  const BignumPtr number(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!number) return {};
  char* hex = BN_bn2hex(number.get());
  const std::string text = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return normalized_serial(text).value_or(std::string());
}

struct CertificateStatus::Authority {
  std::string name;
  std::string id;  // SHA-256 of the CA certificate: the key of its revocations
  CertPtr ca;
  KeyPtr ca_key;
  CertPtr responder;
  KeyPtr responder_key;

  // Whether `id` names a certificate of this CA (its name and key hashes).
  [[nodiscard]] bool issued(const OCSP_CERTID* question) const {
    ASN1_OBJECT* digest_oid = nullptr;
    if (OCSP_id_get0_info(nullptr, &digest_oid, nullptr, nullptr, const_cast<OCSP_CERTID*>(question)) != 1) {
      return false;
    }
    const EVP_MD* digest = EVP_get_digestbyobj(digest_oid);
    if (digest == nullptr) return false;
    const CertIdPtr ours(OCSP_cert_to_id(digest, nullptr, ca.get()));
    return ours && OCSP_id_issuer_cmp(ours.get(), question) == 0;
  }
};

CertificateStatus::CertificateStatus(store::RevocationStore& revocations) : revocations_(revocations) {}
CertificateStatus::~CertificateStatus() = default;

bool CertificateStatus::add_authority(std::string name, const std::string& ca_pem, const SecretString& key_pem,
                                      std::string& detail) {
  auto authority = std::make_unique<Authority>();
  authority->name = std::move(name);
  authority->ca = certificate_from_pem(ca_pem);
  authority->ca_key = key_from_pem(key_pem);
  if (!authority->ca || !authority->ca_key) {
    detail = "the " + authority->name + " CA's certificate or key cannot be read";
    return false;
  }
  if (X509_check_ca(authority->ca.get()) < 1 ||
      X509_check_private_key(authority->ca.get(), authority->ca_key.get()) != 1) {
    detail = "the " + authority->name + " CA's certificate is not a CA or not the key's";
    return false;
  }
  const auto fingerprint = crypto::sha256(cades::der::encoded<X509>(authority->ca.get(), i2d_X509));
  authority->id =
      crypto::hex_encode(std::string_view(reinterpret_cast<const char*>(fingerprint.data()), fingerprint.size()));
  // Kamu SM's OCSP answers are signed by a responder certificate of the CA's.
  const pki::Credential ca_credential{ca_pem, key_pem};
  auto responder = pki::issue(ca_credential, {.common_name = common_name(authority->ca.get()) + " OCSP",
                                              .ocsp_signing = true,
                                              .not_after = std::chrono::hours(24 * 30)});
  authority->responder = certificate_from_pem(responder.certificate_pem);
  authority->responder_key = key_from_pem(responder.private_key_pem);
  if (!authority->responder || !authority->responder_key) {
    detail = "cannot make the " + authority->name + " CA's OCSP responder";
    return false;
  }
  authorities_.push_back(std::move(authority));
  return true;
}

std::vector<std::string> CertificateStatus::names() const {
  std::vector<std::string> out;
  for (const auto& a : authorities_) out.push_back(a->name);
  return out;
}

const CertificateStatus::Authority* CertificateStatus::find(std::string_view name) const {
  for (const auto& a : authorities_) {
    if (a->name == name) return a.get();
  }
  return nullptr;
}

std::optional<std::string> CertificateStatus::crl(std::string_view name) const {
  const Authority* authority = find(name);
  if (authority == nullptr) return std::nullopt;
  const std::time_t now = std::time(nullptr);
  const CrlPtr crl(X509_CRL_new());
  const TimePtr this_update(ASN1_TIME_set(nullptr, now));
  const TimePtr next_update(ASN1_TIME_adj(nullptr, now, 0, crl_validity_seconds));
  // CRL numbers only grow (RFC 5280, 5.2.3): the time of issue in milliseconds does.
  const IntegerPtr number(ASN1_INTEGER_new());
  bool ok = crl && this_update && next_update && number && X509_CRL_set_version(crl.get(), 1) == 1 &&
            X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(authority->ca.get())) == 1 &&
            X509_CRL_set1_lastUpdate(crl.get(), this_update.get()) == 1 &&
            X509_CRL_set1_nextUpdate(crl.get(), next_update.get()) == 1 &&
            ASN1_INTEGER_set_int64(number.get(), now_ms()) == 1 &&
            X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, 0) == 1;
  for (const auto& r : revocations_.list(authority->id)) {
    if (!ok) break;
    X509_REVOKED* entry = X509_REVOKED_new();
    BIGNUM* number_of_serial = nullptr;
    const bool parsed = BN_hex2bn(&number_of_serial, r.serial.c_str()) > 0;
    const BignumPtr owned(number_of_serial);
    const IntegerPtr serial(parsed ? BN_to_ASN1_INTEGER(owned.get(), nullptr) : nullptr);
    const TimePtr at(ASN1_TIME_set(nullptr, static_cast<std::time_t>(r.revoked_at_ms / 1000)));
    const OpenSslPtr<ASN1_ENUMERATED, ASN1_ENUMERATED_free> reason(ASN1_ENUMERATED_new());
    ok = entry != nullptr && serial && at && reason && X509_REVOKED_set_serialNumber(entry, serial.get()) == 1 &&
         X509_REVOKED_set_revocationDate(entry, at.get()) == 1 && ASN1_ENUMERATED_set(reason.get(), r.reason) == 1 &&
         X509_REVOKED_add1_ext_i2d(entry, NID_crl_reason, reason.get(), 0, 0) == 1 &&
         X509_CRL_add0_revoked(crl.get(), entry) == 1;
    if (!ok) X509_REVOKED_free(entry);
  }
  if (ok) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, authority->ca.get(), nullptr, nullptr, crl.get(), 0);
    X509_EXTENSION* key_id = X509V3_EXT_nconf_nid(nullptr, &context, NID_authority_key_identifier, "keyid:always");
    ok = key_id != nullptr && X509_CRL_add_ext(crl.get(), key_id, -1) == 1;
    X509_EXTENSION_free(key_id);
  }
  ok = ok && X509_CRL_sort(crl.get()) == 1 && X509_CRL_sign(crl.get(), authority->ca_key.get(), EVP_sha256()) > 0;
  if (!ok) return std::nullopt;
  return cades::der::encoded<X509_CRL>(crl.get(), i2d_X509_CRL);
}

std::string CertificateStatus::answer(std::string_view request_der) const {
  const auto* cursor = reinterpret_cast<const unsigned char*>(request_der.data());
  const auto* end = cursor + request_der.size();
  const OcspRequestPtr request(d2i_OCSP_REQUEST(nullptr, &cursor, static_cast<long>(request_der.size())));
  if (!request || cursor != end) return status_only(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
  const int count = OCSP_request_onereq_count(request.get());
  if (count < 1 || count > max_certificates_per_request) return status_only(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
  // One responder signs the answer: that of the first CA asked about.
  const Authority* by = nullptr;
  for (int i = 0; i < count && by == nullptr; ++i) {
    const OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
    for (const auto& a : authorities_) {
      if (a->issued(id)) {
        by = a.get();
        break;
      }
    }
  }
  if (by == nullptr) return status_only(OCSP_RESPONSE_STATUS_UNAUTHORIZED);

  const std::time_t now = std::time(nullptr);
  const TimePtr this_update(ASN1_TIME_set(nullptr, now));
  const TimePtr next_update(ASN1_TIME_adj(nullptr, now, 0, ocsp_validity_seconds));
  const BasicResponsePtr basic(OCSP_BASICRESP_new());
  if (!basic || !this_update || !next_update) return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
  for (int i = 0; i < count; ++i) {
    OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
    int status = V_OCSP_CERTSTATUS_UNKNOWN;
    int reason = OCSP_REVOKED_STATUS_NOSTATUS;
    TimePtr revoked_at;
    if (by->issued(id)) {
      ASN1_INTEGER* serial = nullptr;
      OCSP_id_get0_info(nullptr, nullptr, nullptr, &serial, id);
      status = V_OCSP_CERTSTATUS_GOOD;
      if (const auto revocation = revocations_.find(by->id, serial_hex(serial))) {
        status = V_OCSP_CERTSTATUS_REVOKED;
        reason = revocation->reason;
        revoked_at.reset(ASN1_TIME_set(nullptr, static_cast<std::time_t>(revocation->revoked_at_ms / 1000)));
      }
    }
    if (OCSP_basic_add1_status(basic.get(), id, status, reason, revoked_at.get(), this_update.get(),
                               next_update.get()) == nullptr) {
      return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
    }
  }
  if (OCSP_copy_nonce(basic.get(), request.get()) <= 0 ||
      OCSP_basic_sign(basic.get(), by->responder.get(), by->responder_key.get(), EVP_sha256(), nullptr, 0) != 1) {
    return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
  }
  const OcspResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
  return response ? cades::der::encoded<OCSP_RESPONSE>(response.get(), i2d_OCSP_RESPONSE)
                  : status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
}

CertificateStatus::Outcome CertificateStatus::revoke(std::string_view name, const std::string& serial, int reason,
                                                     store::Revocation& revocation) {
  const Authority* authority = find(name);
  if (authority == nullptr) return Outcome::unknown_authority;
  if (reason == store::certificate_hold) {
    // certificateHold is a suspension, which can be lifted: never a final revocation.
    const auto held = revocations_.hold(authority->id, serial, now_ms(), revocation);
    return held == store::RevocationStore::HoldOutcome::held ? Outcome::revoked : Outcome::already_revoked;
  }
  bool fresh = false;
  revocation = revocations_.revoke(authority->id, serial, reason, now_ms(), fresh);
  return fresh ? Outcome::revoked : Outcome::already_revoked;
}

store::RevocationStore::HoldOutcome CertificateStatus::suspend(std::string_view name, const std::string& serial,
                                                               store::Revocation& on_record) {
  const Authority* authority = find(name);
  if (authority == nullptr) throw std::logic_error("suspending under a CA not served");
  return revocations_.hold(authority->id, serial, now_ms(), on_record);
}

bool CertificateStatus::lift_suspension(std::string_view name, const std::string& serial) {
  const Authority* authority = find(name);
  return authority != nullptr && revocations_.release(authority->id, serial);
}

std::optional<store::Revocation> CertificateStatus::revocation_of(std::string_view name,
                                                                  const std::string& serial) const {
  const Authority* authority = find(name);
  if (authority == nullptr) return std::nullopt;
  return revocations_.find(authority->id, serial);
}

std::optional<store::Revocation> CertificateStatus::revocation_of_certificate(std::string_view certificate_pem) const {
  const crypto::BioPtr bio(BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size())));
  const CertPtr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!certificate) return std::nullopt;
  for (const auto& authority : authorities_) {
    if (X509_check_issued(authority->ca.get(), certificate.get()) == X509_V_OK) {
      return revocations_.find(authority->id, serial_hex(X509_get0_serialNumber(certificate.get())));
    }
  }
  return std::nullopt;
}

}  // namespace nes::portal::revocation
