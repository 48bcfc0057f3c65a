#pragma once
// The application lifecycle (docs/protocol.md): the statuses an application
// passes through and the events that move it. The reference portal enforces
// exactly these transitions; the SDK reports them.

#include <nes/export.hpp>
#include <nes/institution.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace nes {

enum class ApplicationStatus {
  otp_pending,                   ///< form accepted, SMS code sent (step 11)
  awaiting_approval,             ///< code verified, waiting for e-imza or wet signature (step 12)
  submitted,                     ///< approved by e-imza; with Kamu SM for review
  awaiting_wet_form,             ///< wet signature chosen; the signed form must arrive by post
  awaiting_institution,          ///< institution-paid and approved: on the officer's list (step 6)
  awaiting_institution_payment,  ///< the officer signed the list; the institution's invoice is due
  awaiting_payment,              ///< accepted; the fee can be paid
  paid,
  in_production,
  shipped,
  completed,
  cancelled,  ///< by the applicant, before payment
  expired,    ///< left unfinished too long (about six months)
  rejected,   ///< refused by Kamu SM
};

enum class LifecycleEvent {
  otp_verified,
  e_signature_approved,
  wet_signature_chosen,
  accepted_for_payment,
  wet_form_received,
  institution_approved,  ///< the institution's officer signed a list holding the application
  payment_recorded,
  production_started,
  shipped,
  completed,
  cancelled,
  expired,
  rejected,
  e_onay_approved,  ///< "e-onaylı": the person's standing E-Onay approved it, confirmed by the SMS code
};

/// The status after `event` for a person-paid application, or nullopt when
/// the lifecycle does not allow it.
NES_EXPORT std::optional<ApplicationStatus> next_status(ApplicationStatus from, LifecycleEvent event) noexcept;

/// The status after `event` on the route of `payer`: an institution-paid
/// application waits for the institution's signed list and invoice where a
/// person-paid one waits for Kamu SM's review and the person's payment.
NES_EXPORT std::optional<ApplicationStatus> next_status(ApplicationStatus from, LifecycleEvent event,
                                                        PaymentKind payer) noexcept;

/// False for the end states (completed, cancelled, expired, rejected). A
/// person has at most one open application per institution.
NES_EXPORT bool is_open(ApplicationStatus status) noexcept;

/// Stable snake_case names, as on the wire.
NES_EXPORT std::string_view to_string(ApplicationStatus status) noexcept;
NES_EXPORT std::string_view to_string(LifecycleEvent event) noexcept;
NES_EXPORT std::optional<ApplicationStatus> application_status_from_string(std::string_view text) noexcept;
NES_EXPORT std::optional<LifecycleEvent> lifecycle_event_from_string(std::string_view text) noexcept;

/// Every status and event, in declaration order (for documentation and tests).
NES_EXPORT std::span<const ApplicationStatus> all_application_statuses() noexcept;
NES_EXPORT std::span<const LifecycleEvent> all_lifecycle_events() noexcept;

}  // namespace nes
