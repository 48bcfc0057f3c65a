#pragma once
// Whole-form validation: pure, no I/O, every problem at once.

#include <nes/application_form.hpp>
#include <nes/export.hpp>
#include <nes/field_error.hpp>
#include <nes/institution.hpp>

#include <optional>
#include <span>

namespace nes {

/// The result of validate_form(): the problems, and the normalised form when there are none.
struct NES_EXPORT FormValidation {
  /// Every problem, in form order; empty when the form is valid.
  FieldErrors errors;
  /// The normalised form (E.164 phones, NFC text, canonical province…);
  /// set only when the form is valid. Normalising it again changes nothing.
  std::optional<ApplicationForm> normalized;

  /// True when the form has no problem.
  [[nodiscard]] bool valid() const noexcept { return errors.empty(); }
};

/// Validates against the base rules and, when `institution` is given, the
/// institution's rules (required fields, offered periods and options). The
/// institution's id must equal the form's institution.id.
NES_EXPORT FormValidation validate_form(const ApplicationForm& form, const Institution* institution = nullptr);

/// Looks up institution.id in `catalogue` (unknown_institution when absent)
/// and validates against that institution's rules.
NES_EXPORT FormValidation validate_form(const ApplicationForm& form, std::span<const Institution> catalogue);

}  // namespace nes
