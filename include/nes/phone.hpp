#pragma once
// Turkish phone numbers: mobile (+90 5xx) and landline (+90 2xx/3xx/4xx) with
// an optional extension. Both are kept in E.164 form.

#include <nes/export.hpp>
#include <nes/parsed.hpp>

#include <string>
#include <string_view>

namespace nes {

/// A Turkish mobile number. Accepts "05xx xxx xx xx", "5xxxxxxxxx",
/// "+90 5xx…", "0090 5xx…", "90 5xx…" with spaces, dashes, dots and one pair
/// of brackets. A landline given here is refused with not_mobile.
class NES_EXPORT MobilePhone {
 public:
  /// The number in any usual spelling ("0532 123 45 67", "+90 (532) …"), or its problems.
  static Parsed<MobilePhone> parse(std::string_view text);

  /// "+905321234567"
  [[nodiscard]] const std::string& e164() const noexcept { return e164_; }
  /// "+90 532 123 45 67"
  [[nodiscard]] std::string display() const;
  /// "*** *** 45 67", as the portal shows it.
  [[nodiscard]] std::string masked() const;

  friend bool operator==(const MobilePhone&, const MobilePhone&) = default;

 private:
  friend struct detail::ValueFactory;
  explicit MobilePhone(std::string e164) : e164_(std::move(e164)) {}
  std::string e164_;
};

/// A Turkish landline (geographic number, area code 2xx, 3xx or 4xx) with an
/// optional extension (Dahili) of 1 to 6 digits. A mobile number is refused
/// with not_landline.
class NES_EXPORT LandlinePhone {
 public:
  /// The number and its extension, or their problems.
  static Parsed<LandlinePhone> parse(std::string_view number, std::string_view extension = {});

  /// "+903122981000"
  [[nodiscard]] const std::string& e164() const noexcept { return e164_; }
  /// Digits only, empty when there is none.
  [[nodiscard]] const std::string& extension() const noexcept { return extension_; }
  /// "+90 312 298 10 00 / 1234"
  [[nodiscard]] std::string display() const;

  friend bool operator==(const LandlinePhone&, const LandlinePhone&) = default;

 private:
  friend struct detail::ValueFactory;
  LandlinePhone(std::string e164, std::string extension) : e164_(std::move(e164)), extension_(std::move(extension)) {}
  std::string e164_;
  std::string extension_;
};

}  // namespace nes
