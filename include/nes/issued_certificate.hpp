#pragma once
// Sertifika Listeleme: a certificate the portal issued to the person, with
// its status now and when it may be renewed — "Sertifikam ne zaman sona
// eriyor?" answered by the issuer.

#include <nes/export.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// Where an issued certificate stands.
enum class CertificateState {
  active,     ///< within its validity, neither suspended nor revoked
  suspended,  ///< on hold (CRL reason certificateHold); its owner can lift it
  revoked,    ///< revoked for good (Law 5070, article 11)
  expired,    ///< past its validity
};

/// "active", "suspended", "revoked", "expired": the protocol's names.
NES_EXPORT std::string_view to_string(CertificateState state) noexcept;
/// The state of that protocol name, or nullopt for another.
NES_EXPORT std::optional<CertificateState> certificate_state_from_string(std::string_view name) noexcept;

/// How long before expiry `nes certificates` and `nes token list` warn, as
/// ACME clients warn about theirs.
inline constexpr std::chrono::days expiry_warning_period{90};

/// A certificate the portal issued to the logged-in person.
struct NES_EXPORT IssuedCertificate {
  /// The wall clock of validity.
  using Clock = std::chrono::system_clock;
  std::string serial;          ///< hexadecimal, uppercase, as the CRL and OCSP name it
  std::string application_id;  ///< the application it was issued for
  std::string common_name;     ///< the holder's name, as the subject's CN
  /// The start of its validity: the moment it was produced.
  Clock::time_point not_before{};
  /// The end of its validity.
  Clock::time_point not_after{};
  /// From when a renewal application may name it: three months before not_after.
  Clock::time_point renewal_from{};
  /// Its status as the portal saw it when it answered.
  CertificateState state = CertificateState::active;
  /// When it was revoked; set only when revoked.
  std::optional<Clock::time_point> revoked_at;
  /// The RFC 5280 reason ("keyCompromise"); set only when revoked.
  std::string revocation_reason;
  std::string certificate_pem;  ///< the certificate itself

  /// Whole days until not_after; negative once it has passed.
  [[nodiscard]] std::chrono::days days_left(Clock::time_point now = Clock::now()) const noexcept {
    return std::chrono::floor<std::chrono::days>(not_after - now);
  }
  /// True when it may be renewed at `now`: active and inside its renewal window.
  [[nodiscard]] bool renewal_due(Clock::time_point now = Clock::now()) const noexcept {
    return state == CertificateState::active && now >= renewal_from && now <= not_after;
  }
  /// True when it is active and ends within expiry_warning_period of `now`.
  [[nodiscard]] bool expiring_soon(Clock::time_point now = Clock::now()) const noexcept {
    return state == CertificateState::active && not_after - now <= expiry_warning_period;
  }
};

}  // namespace nes
