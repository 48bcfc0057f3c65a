#pragma once
// What a person wants to know about an e-imza certificate: whose it is (the
// T.C. Kimlik No in the subject serialNumber), who issued it, and when it
// ends — "Sertifikam ne zaman sona eriyor?".

#include <chrono>
#include <nes/export.hpp>
#include <string>

namespace nes {

/// A certificate on a token, as people and programs need to see it.
struct NES_EXPORT CertificateInfo {
  /// The wall clock of validity.
  using Clock = std::chrono::system_clock;

  std::string subject;      ///< one line, RFC 2253, UTF-8
  std::string common_name;  ///< the subject CN
  /// The subject serialNumber: a NES certificate's holder's T.C. Kimlik No
  /// (a "TR" prefix, as some issuers write it, is taken off).
  std::string tckn;
  std::string issuer;         ///< one line, RFC 2253, UTF-8
  std::string serial_number;  ///< hex
  /// The start of its validity.
  Clock::time_point not_before{};
  /// The end of its validity (Sertifikam ne zaman sona eriyor?).
  Clock::time_point not_after{};
  bool non_repudiation = false;  ///< keyUsage allows e-imza (nonRepudiation)
  /// A qualified NES certificate: nonRepudiation, a certificate policy, and
  /// ETSI's QcCompliance with BTK's NES statement among its qcStatements.
  bool qualified = false;
  std::string key_type;  ///< "RSA 2048", "ECDSA P-256"
  /// On a token: the CKA_ID (hex) that pairs it with its private key, and its label.
  std::string token_object_id;
  /// The token object's CKA_LABEL.
  std::string token_object_label;
  /// The certificate itself (PEM), for a status check (<nes/status_check.hpp>).
  std::string certificate_pem;

  /// Whole days until not_after; negative once it has passed.
  [[nodiscard]] std::chrono::days days_left(Clock::time_point now = Clock::now()) const noexcept {
    return std::chrono::floor<std::chrono::days>(not_after - now);
  }
  /// True when `now` is within its validity.
  [[nodiscard]] bool valid_at(Clock::time_point now = Clock::now()) const noexcept {
    return now >= not_before && now <= not_after;
  }
};

}  // namespace nes
