#pragma once
// T.C. Kimlik No: the Turkish national identity number.

#include <nes/export.hpp>
#include <nes/parsed.hpp>

#include <array>
#include <string>
#include <string_view>

namespace nes {

/// A valid T.C. Kimlik No: 11 ASCII digits, the first not 0, and both check
/// digits right. The digits are a secret: the object wipes them when it dies
/// and only masked() is meant for display.
class NES_EXPORT Tckn {
 public:
  /// Accepts exactly 11 ASCII digits; reports non_ascii_digit,
  /// invalid_character, wrong_length, leading_zero or checksum.
  static Parsed<Tckn> parse(std::string_view text);

  /// True when `text` is a valid T.C. Kimlik No. No allocation.
  static bool is_valid(std::string_view text) noexcept;

  /// A copy; each copy wipes its digits when it dies.
  Tckn(const Tckn&) = default;
  /// A copy; the old digits are wiped.
  Tckn& operator=(const Tckn&) = default;
  ~Tckn();

  /// The 11 digits. Handle as a secret.
  [[nodiscard]] std::string_view digits() const noexcept { return {digits_.data(), digits_.size()}; }
  /// All but the last two digits hidden: "*********46".
  [[nodiscard]] std::string masked() const;

  friend bool operator==(const Tckn&, const Tckn&) = default;

 private:
  friend struct detail::ValueFactory;
  explicit Tckn(std::string_view digits) noexcept;
  std::array<char, 11> digits_{};
};

}  // namespace nes
