#include <nes/postal_address.hpp>

#include "text/field_text.hpp"
#include "values/checks.hpp"
#include "values/value_factory.hpp"

#include <algorithm>
#include <array>

namespace nes {

namespace {

constexpr std::size_t postal_code_length = 5;
// No province's name is longer; the guard keeps lookups cheap.
constexpr std::size_t max_province_input = 64;

constexpr std::array<std::pair<AddressType, std::string_view>, 3> address_types = {{
    {AddressType::home, "home"},
    {AddressType::work, "work"},
    {AddressType::other, "other"},
}};

}  // namespace

std::string_view to_string(AddressType type) noexcept {
  for (const auto& [value, name] : address_types) {
    if (value == type) return name;
  }
  return "unknown";
}

std::optional<AddressType> address_type_from_string(std::string_view text) noexcept {
  for (const auto& [value, name] : address_types) {
    if (name == text) return value;
  }
  return std::nullopt;
}

PostalCode::PostalCode(std::string_view digits) noexcept { std::copy_n(digits.begin(), postal_code_length, digits_); }

Province PostalCode::province() const noexcept {
  return *province_by_code((digits_[0] - '0') * 10 + (digits_[1] - '0'));
}

Parsed<PostalCode> PostalCode::parse(std::string_view text) {
  return detail::parse_with<PostalCode>(detail::check_postal_code, text);
}

Parsed<PostalAddress> PostalAddress::parse(AddressType type, std::string_view line, std::string_view district,
                                           std::string_view province, std::string_view postal_code) {
  FieldErrors errors;
  auto checked_line = detail::check_address_line(line, "address_line", errors);
  auto checked_district = detail::check_district(district, "district", errors);
  auto checked_province = detail::check_province(province, "province", errors);
  std::optional<PostalCode> code;
  if (!postal_code.empty()) {
    code = detail::check_postal_code(postal_code, "postal_code", errors);
    if (code && checked_province)
      detail::check_postal_code_in_province(*code, *checked_province, "postal_code", errors);
  }
  if (!errors.empty()) return errors;
  return detail::ValueFactory::make<PostalAddress>(type, std::move(*checked_line), std::move(*checked_district),
                                                   *checked_province, code);
}

namespace detail {
std::optional<std::string> check_district(std::string_view text, std::string_view field, FieldErrors& out) {
  return check_required_text(text, {TextKind::district, PostalAddress::max_district_length}, field, out);
}

std::optional<std::string> check_address_line(std::string_view text, std::string_view field, FieldErrors& out) {
  return check_required_text(text, {TextKind::free_text, PostalAddress::max_line_length}, field, out);
}

std::optional<Province> check_province(std::string_view text, std::string_view field, FieldErrors& out) {
  auto normalized = check_required_text(text, {TextKind::name, max_province_input}, field, out);
  if (!normalized) return std::nullopt;
  auto province = find_province(*normalized);
  if (!province) out.push_back(make_field_error(std::string(field), ValidationCode::unknown_province));
  return province;
}

std::optional<PostalCode> check_postal_code(std::string_view text, std::string_view field, FieldErrors& out) {
  if (text.empty()) {
    out.push_back(make_field_error(std::string(field), ValidationCode::required));
    return std::nullopt;
  }
  if (!check_printable_ascii(text, field, out)) return std::nullopt;
  const bool digits_only = std::all_of(text.begin(), text.end(), is_ascii_digit);
  const int prefix = digits_only && text.size() == postal_code_length ? (text[0] - '0') * 10 + (text[1] - '0') : 0;
  if (!province_by_code(prefix)) {
    out.push_back(make_field_error(std::string(field), ValidationCode::invalid_postal_code));
    return std::nullopt;
  }
  return ValueFactory::make<PostalCode>(text);
}

bool check_postal_code_in_province(const PostalCode& code, const Province& province, std::string_view field,
                                   FieldErrors& out) {
  if (code.province() == province) return true;
  out.push_back(make_field_error(std::string(field), ValidationCode::province_mismatch, code.province().name));
  return false;
}

}  // namespace detail

}  // namespace nes
