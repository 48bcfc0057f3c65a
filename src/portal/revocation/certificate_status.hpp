#pragma once
// What the portal publishes about the certificates of the CAs whose keys it
// holds (the e-imza CA it is given, its own generated TSA CA): a CRL (RFC
// 5280) and OCSP answers (RFC 6960), signed by a responder the CA delegates
// to, as Kamu SM's OCSP service is. Revocations live in the database.

#include "portal/store/revocation_store.hpp"

#include <nes/secret.hpp>

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::revocation {

/// RFC 5280 CRLReason by its name ("keyCompromise"); nullopt for another.
std::optional<int> crl_reason_from_name(std::string_view name);

/// The name of the RFC 5280 CRLReason `reason`; "unspecified" for an unknown one.
std::string_view crl_reason_name(int reason);

/// `text` as a certificate serial: hexadecimal digits, at most 40 of them
/// after leading zeros, uppercased and without those zeros; nullopt for
/// anything else.
std::optional<std::string> normalized_serial(std::string_view text);

/// `serial` as normalized_serial writes it; empty when it cannot be read.
std::string serial_hex(const ASN1_INTEGER* serial);

class CertificateStatus {
 public:
  explicit CertificateStatus(store::RevocationStore& revocations);
  ~CertificateStatus();
  CertificateStatus(const CertificateStatus&) = delete;
  CertificateStatus& operator=(const CertificateStatus&) = delete;

  /// Publishes status for the CA `ca_pem` (its key `key_pem`) under `name`
  /// ("esign", "tsa"), with a fresh responder certificate. False with
  /// `detail` when the pair cannot be read, does not match or is not a CA.
  bool add_authority(std::string name, const std::string& ca_pem, const SecretString& key_pem, std::string& detail);

  /// The names served, in the order added.
  [[nodiscard]] std::vector<std::string> names() const;

  /// A fresh CRL (DER) of `name`'s CA: thisUpdate now, nextUpdate a day
  /// later; nullopt for an unknown name.
  [[nodiscard]] std::optional<std::string> crl(std::string_view name) const;

  /// The OCSPResponse (DER) for the OCSPRequest `request_der`: malformedRequest
  /// for what cannot be read, unauthorized when it asks about no CA served,
  /// otherwise good or revoked (with time and reason) for each certificate
  /// of the first CA asked about and unknown for the others, the nonce
  /// echoed. Thread-safe.
  [[nodiscard]] std::string answer(std::string_view request_der) const;

  /// The revocation on record of the certificate `serial` (normalized) of
  /// `name`'s CA, else its suspension (reason certificateHold); nullopt when
  /// it is neither or the CA is not served.
  [[nodiscard]] std::optional<store::Revocation> revocation_of(std::string_view name, const std::string& serial) const;

  /// The same for the certificate `certificate_pem`, by the CA served that
  /// issued it; nullopt when none did, or it is neither revoked nor suspended.
  [[nodiscard]] std::optional<store::Revocation> revocation_of_certificate(std::string_view certificate_pem) const;

  /// Suspends the certificate `serial` of `name`'s CA now (CRL reason
  /// certificateHold). `on_record` is what stands: the suspension, an
  /// earlier one, or the revocation that makes it impossible.
  store::RevocationStore::HoldOutcome suspend(std::string_view name, const std::string& serial,
                                              store::Revocation& on_record);
  /// Lifts the suspension of `serial`; false when it is not suspended.
  bool lift_suspension(std::string_view name, const std::string& serial);

  enum class Outcome { revoked, already_revoked, unknown_authority };
  /// Revokes the certificate `serial` (normalized) of `name`'s CA now.
  /// `revocation` is the one on record: the earlier one if already revoked.
  /// The reason certificateHold suspends it instead, as suspend() does.
  Outcome revoke(std::string_view name, const std::string& serial, int reason, store::Revocation& revocation);

 private:
  struct Authority;
  store::RevocationStore& revocations_;
  std::vector<std::unique_ptr<Authority>> authorities_;
  [[nodiscard]] const Authority* find(std::string_view name) const;
};

}  // namespace nes::portal::revocation
