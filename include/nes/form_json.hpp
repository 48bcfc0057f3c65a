#pragma once
// The form as JSON: nested objects by section, the field names of
// nes::fields. Schema: docs/form-schema.md and docs/form.schema.json.

#include <nes/application_form.hpp>
#include <nes/export.hpp>
#include <nes/field_error.hpp>
#include <nes/form_validation.hpp>
#include <nes/secret.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace nes {

/// A form read from its JSON, and every problem the reading found.
struct NES_EXPORT DecodedForm {
  /// Unset when the document cannot be used at all (malformed JSON, invalid
  /// UTF-8 outside strings, not an object); then errors say why.
  std::optional<ApplicationForm> form;
  /// Problems of shape: malformed_json, wrong_type, unknown_field,
  /// duplicate_field, unknown_value, out_of_range. A field with such a
  /// problem is left unset in `form`.
  FieldErrors errors;
};

/// Decodes without validating field contents (see check_form_json).
NES_EXPORT DecodedForm decode_form_json(std::string_view json);

/// Decodes and validates: every problem of both stages, in one list, a field
/// that could not be decoded reported once.
NES_EXPORT FormValidation check_form_json(std::string_view json, std::span<const Institution> catalogue = {});

/// Encodes a form; fields that are not given are left out. The result holds
/// the T.C. Kimlik No, hence a SecretString.
NES_EXPORT SecretString encode_form_json(const ApplicationForm& form);

}  // namespace nes
