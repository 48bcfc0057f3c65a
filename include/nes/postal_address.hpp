#pragma once
// The delivery address (Teslimat Bilgisi) of the certificate card.

#include <nes/export.hpp>
#include <nes/parsed.hpp>
#include <nes/province.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// Adres Tipi.
enum class AddressType { home, work, other };

NES_EXPORT std::string_view to_string(AddressType type) noexcept;
NES_EXPORT std::optional<AddressType> address_type_from_string(std::string_view text) noexcept;

/// A five-digit postal code whose first two digits are a province code 01–81.
class NES_EXPORT PostalCode {
 public:
  /// The five-digit postal code, or its problems.
  static Parsed<PostalCode> parse(std::string_view text);

  /// The five digits.
  [[nodiscard]] std::string_view digits() const noexcept { return {digits_, 5}; }
  /// The province its first two digits name.
  [[nodiscard]] Province province() const noexcept;

  friend bool operator==(const PostalCode&, const PostalCode&) = default;

 private:
  friend struct detail::ValueFactory;
  explicit PostalCode(std::string_view digits) noexcept;
  char digits_[5]{};
};

/// A delivery address. The line, district and province are required, the
/// postal code optional (an institution may require it); when both are
/// given, the postal code must belong to the province. Errors name the part:
/// "address_line", "district", "province", "postal_code".
class NES_EXPORT PostalAddress {
 public:
  /// The longest address line, in characters.
  static constexpr std::size_t max_line_length = 250;
  /// The longest district name, in characters.
  static constexpr std::size_t max_district_length = 60;

  /// The address checked (the province known, the postal code in it), or its problems.
  static Parsed<PostalAddress> parse(AddressType type, std::string_view line, std::string_view district,
                                     std::string_view province, std::string_view postal_code = {});

  /// Ev, iş or diğer.
  [[nodiscard]] AddressType type() const noexcept { return type_; }
  /// The address line, normalised.
  [[nodiscard]] const std::string& line() const noexcept { return line_; }
  /// The district, normalised.
  [[nodiscard]] const std::string& district() const noexcept { return district_; }
  /// The province.
  [[nodiscard]] Province province() const noexcept { return province_; }
  /// The postal code, when given.
  [[nodiscard]] const std::optional<PostalCode>& postal_code() const noexcept { return postal_code_; }

  friend bool operator==(const PostalAddress&, const PostalAddress&) = default;

 private:
  friend struct detail::ValueFactory;
  PostalAddress(AddressType type, std::string line, std::string district, Province province,
                std::optional<PostalCode> postal_code)
      : type_(type),
        line_(std::move(line)),
        district_(std::move(district)),
        province_(province),
        postal_code_(postal_code) {}
  AddressType type_;
  std::string line_;
  std::string district_;
  Province province_;
  std::optional<PostalCode> postal_code_;
};

}  // namespace nes
