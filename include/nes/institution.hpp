#pragma once
// An employer institution from the portal's catalogue (Kurum Seçimi, step 9),
// with the rules its form follows and the notices the applicant must
// acknowledge. All of it is server data; the SDK hard-codes none of it.

#include <nes/export.hpp>
#include <nes/parsed.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace nes {

/// Who pays for the certificate.
enum class PaymentKind { person_paid, institution_paid };

NES_EXPORT std::string_view to_string(PaymentKind kind) noexcept;

/// A notice shown at institution choice ("if your institution pays, do not
/// use this menu", "no refund after production"). A submission must
/// acknowledge each by id.
struct NES_EXPORT Notice {
  /// The notice's id, sent back when it is acknowledged.
  std::string id;
  /// The notice in Turkish.
  std::string text_tr;
  /// The notice in English.
  std::string text_en;
  friend bool operator==(const Notice&, const Notice&) = default;
};

/// What an institution's form must contain beyond the base form.
struct NES_EXPORT FormRules {
  /// Field paths (from nes::fields::institution_may_require) that become
  /// required for this institution.
  std::vector<std::string> required_fields;
  /// Validity periods offered, in years; empty means "not restricted here".
  std::vector<int> validity_years;
  /// Whether a card reader can be ordered with the certificate.
  bool card_reader_offered = true;

  /// True when `path` is required for this institution.
  [[nodiscard]] bool requires_field(std::string_view path) const noexcept;

  friend bool operator==(const FormRules&, const FormRules&) = default;
};

/// An institution of the catalogue (Kurum Seçimi, step 9).
struct NES_EXPORT Institution {
  std::string id;    ///< stable identifier, [a-z0-9_-]{1,64}
  std::string name;  ///< display name, e.g. "T.C. Sağlık Bakanlığı"
  /// Who pays: the person or the institution.
  PaymentKind payment = PaymentKind::person_paid;
  /// What the institution's form must hold.
  FormRules rules;
  /// What the person must acknowledge before applying.
  std::vector<Notice> notices;

  friend bool operator==(const Institution&, const Institution&) = default;
};

/// Decodes an institution catalogue, `{"institutions": [ … ]}` as documented
/// in docs/form-schema.md. Every problem is reported with its path
/// ("institutions[1].rules.required_fields[0]").
NES_EXPORT Parsed<std::vector<Institution>> decode_institution_catalogue(std::string_view json);

}  // namespace nes
