#pragma once
// An e-mail address, checked to the practical subset of RFC 5321 that mail
// systems accept: ASCII only, local part ≤ 64, domain ≤ 253 with LDH labels.

#include <nes/export.hpp>
#include <nes/parsed.hpp>

#include <string>
#include <string_view>

namespace nes {

/// An e-mail address, checked and normalised (the domain in lower case).
class NES_EXPORT Email {
 public:
  /// The domain is lower-cased (domains are case-insensitive); the local part
  /// is kept as given.
  static Parsed<Email> parse(std::string_view text);

  /// The normalised address.
  [[nodiscard]] const std::string& address() const noexcept { return address_; }

  friend bool operator==(const Email&, const Email&) = default;

 private:
  friend struct detail::ValueFactory;
  explicit Email(std::string address) : address_(std::move(address)) {}
  std::string address_;
};

}  // namespace nes
