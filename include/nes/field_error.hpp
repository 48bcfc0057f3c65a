#pragma once
// Structured validation problems: a field path, a stable machine code, and a
// message in Turkish and in English. docs/validation.md lists every code.

#include <nes/export.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

/// Stable machine codes of validation problems. The snake_case spelling from
/// to_string() is the wire and CLI form; it never changes once released.
enum class ValidationCode {
  required,
  wrong_type,
  unknown_field,
  duplicate_field,
  malformed_json,
  invalid_utf8,
  control_character,
  line_break,
  too_long,
  non_ascii_digit,
  invalid_character,
  wrong_length,
  leading_zero,
  checksum,
  invalid_phone,
  not_mobile,
  not_landline,
  invalid_extension,
  invalid_email,
  unknown_value,
  not_offered,
  out_of_range,
  unknown_province,
  invalid_postal_code,
  province_mismatch,
  unknown_institution,
  invalid_identifier,
  malformed_csv,     ///< a CSV row that cannot be read (quotes, column count)
  duplicate_person,  ///< the same T.C. Kimlik No again in one file
  /// (the portal) a name that is not the person's identity record (MERNİS)
  not_as_registered,
  /// (the portal) a person the registry does not list as staff of the institution
  not_staff,
  too_short,  ///< under the field's least length (the security word's 4 characters)
};

/// The stable snake_case name of a code, e.g. "checksum".
NES_EXPORT std::string_view to_string(ValidationCode code) noexcept;

/// One problem with one field. `field` is the dotted path of the form field
/// ("identity.tckn"), empty for a problem with a bare value or the whole
/// document. Messages never quote the rejected value, so that secrets such as
/// a T.C. Kimlik No do not leak into logs.
struct NES_EXPORT FieldError {
  /// The dotted path of the field ("identity.tckn"); empty for the whole document.
  std::string field;
  /// The stable code.
  ValidationCode code{};
  /// The message in Turkish.
  std::string message_tr;
  /// The message in English.
  std::string message_en;

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

using FieldErrors = std::vector<FieldError>;

/// Builds a FieldError with the messages of `code`; `detail` fills the
/// placeholder some messages have (a limit, the valid choices, a position).
NES_EXPORT FieldError make_field_error(std::string field, ValidationCode code, std::string_view detail = {});

}  // namespace nes
