#pragma once
// What the portal says about an application: its status, fee, SMS code
// state and form, as an Application, an OtpVerifier and Session's
// Başvurularım list report it.

#include <nes/application_form.hpp>
#include <nes/export.hpp>
#include <nes/lifecycle.hpp>
#include <nes/money.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace nes {

/// The SMS code of an application in otp_pending (step 11). Deadlines are
/// kept on the local steady clock, from the seconds the portal counted, so a
/// skewed wall clock does not move them.
struct NES_EXPORT OtpStatus {
  /// The clock of the deadlines (steady: immune to the wall clock's jumps).
  using SteadyClock = std::chrono::steady_clock;

  std::string phone_masked;  ///< "*** *** 92 90"
  /// The portal's deadline, as it states it.
  std::chrono::system_clock::time_point expires_at{};
  /// When the code stops being accepted.
  SteadyClock::time_point deadline{};
  /// When a new code may be asked for (Tekrar Gönder).
  SteadyClock::time_point resend_allowed_at{};
  /// Wrong tries the code still takes.
  int tries_left = 0;
  /// True when too many wrong tries locked the code.
  bool locked = false;

  /// Seconds until the code expires; 0 once it has.
  [[nodiscard]] std::chrono::seconds seconds_left(SteadyClock::time_point now = SteadyClock::now()) const noexcept;
  /// Seconds until a new code may be asked for; 0 when it may now.
  [[nodiscard]] std::chrono::seconds resend_wait(SteadyClock::time_point now = SteadyClock::now()) const noexcept;
  /// True when the code's time is over at `now`.
  [[nodiscard]] bool expired(SteadyClock::time_point now = SteadyClock::now()) const noexcept {
    return now >= deadline;
  }
};

/// How an application is approved (step 12): not chosen yet, by e-imza, by
/// wet signature, or by the person's standing E-Onay ("e-onaylı").
enum class ApprovalRoute { none, e_signature, wet_signature, e_onay };

/// An application as the portal reports it (Başvurularım).
struct NES_EXPORT ApplicationInfo {
  /// The portal's number of the application ("app_7Q2M4K9X").
  std::string id;
  /// Where it stands in its lifecycle.
  ApplicationStatus status = ApplicationStatus::otp_pending;
  /// The institution applied to (catalogue id).
  std::string institution_id;
  /// When it was submitted.
  std::chrono::system_clock::time_point created_at{};
  /// When its status last changed.
  std::chrono::system_clock::time_point updated_at{};
  /// Ödenecek Tutar, KDV Dahil: the portal's figures, never computed here.
  Fee fee{};
  /// Set in otp_pending.
  std::optional<OtpStatus> otp;
  /// How it is being approved, once chosen.
  ApprovalRoute approval = ApprovalRoute::none;
  /// Where the signed form goes (wet signature).
  std::string postal_address;
  /// A renewal's: the serial of the certificate it renews; empty otherwise.
  std::string renews;
  /// The form as the portal holds it (normalised).
  std::optional<ApplicationForm> form;
};

}  // namespace nes
