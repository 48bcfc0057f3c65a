#pragma once
// The per-field checks behind every public parse() and behind
// validate_form(): one implementation of each rule. Each reports its problems
// under the field path it is given and returns the value only when it has
// none. Empty input is reported as `required`.

#include <nes/email.hpp>
#include <nes/field_error.hpp>
#include <nes/phone.hpp>
#include <nes/postal_address.hpp>
#include <nes/province.hpp>
#include <nes/tckn.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes::detail {

std::optional<Tckn> check_tckn(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<MobilePhone> check_mobile(std::string_view text, std::string_view field, FieldErrors& out);
/// The landline number in E.164.
std::optional<std::string> check_landline(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<std::string> check_extension(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<Email> check_email(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<std::string> check_name_part(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<std::string> check_district(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<std::string> check_address_line(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<Province> check_province(std::string_view text, std::string_view field, FieldErrors& out);
std::optional<PostalCode> check_postal_code(std::string_view text, std::string_view field, FieldErrors& out);
/// The postal code must lie in the province; appends province_mismatch.
bool check_postal_code_in_province(const PostalCode& code, const Province& province, std::string_view field,
                                   FieldErrors& out);

/// Runs one check with no field path and wraps the outcome as a Parsed<T>.
template <class T, class Check>
Parsed<T> parse_with(Check check, std::string_view text) {
  FieldErrors errors;
  auto value = check(text, std::string_view{}, errors);
  if (value) return std::move(*value);
  return errors;
}

}  // namespace nes::detail
