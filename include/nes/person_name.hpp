#pragma once
// A person's first and last name as on the identity record.

#include <nes/export.hpp>
#include <nes/parsed.hpp>

#include <string>
#include <string_view>

namespace nes {

/// First and last name. Letters of any script (all Turkish letters among
/// them), combining marks, spaces, hyphens, apostrophes and dots; NFC; outer
/// spaces trimmed and inner runs of spaces folded to one (documented
/// normalisation, idempotent). Each part at most 60 characters. Errors name
/// the part: "first_name" or "last_name".
class NES_EXPORT PersonName {
 public:
  /// The longest first or last name, in characters.
  static constexpr std::size_t max_part_length = 60;

  /// The name checked and normalised (NFC, spaces folded), or its problems.
  static Parsed<PersonName> parse(std::string_view first_name, std::string_view last_name);

  /// The first name, normalised.
  [[nodiscard]] const std::string& first() const noexcept { return first_; }
  /// The last name, normalised.
  [[nodiscard]] const std::string& last() const noexcept { return last_; }
  /// "Ayşe Gül Yılmaz"
  [[nodiscard]] std::string full() const;
  /// Turkish upper case as on a certificate: "AYŞE GÜL YILMAZ", "İSMAİL IŞIK".
  [[nodiscard]] std::string full_upper_tr() const;

  friend bool operator==(const PersonName&, const PersonName&) = default;

 private:
  friend struct detail::ValueFactory;
  PersonName(std::string first, std::string last) : first_(std::move(first)), last_(std::move(last)) {}
  std::string first_;
  std::string last_;
};

}  // namespace nes
