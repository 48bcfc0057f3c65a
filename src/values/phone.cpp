#include <nes/phone.hpp>

#include "text/field_text.hpp"
#include "text/utf8.hpp"
#include "values/checks.hpp"
#include "values/value_factory.hpp"

#include <algorithm>
#include <array>

namespace nes {

namespace {

// Raw input may carry spaces, brackets and a prefix; no spelling of a Turkish
// number needs more than this.
constexpr std::size_t max_phone_input = 32;
constexpr std::size_t national_length = 10;
constexpr std::size_t max_extension_length = 6;

// Geographic area codes: one per province, two for İstanbul.
constexpr std::array<int, 82> landline_area_codes = {
    212, 216, 222, 224, 226, 228, 232, 236, 242, 246, 248, 252, 256, 258, 262, 264, 266, 272, 274, 276, 282,
    284, 286, 288, 312, 318, 322, 324, 326, 328, 332, 338, 342, 344, 346, 348, 352, 354, 356, 358, 362, 364,
    366, 368, 370, 372, 374, 376, 378, 380, 382, 384, 386, 388, 412, 414, 416, 422, 424, 426, 428, 432, 434,
    436, 438, 442, 446, 452, 454, 456, 458, 462, 464, 466, 472, 474, 476, 478, 482, 484, 486, 488,
};

void report(std::string_view field, ValidationCode code, FieldErrors& out, std::string_view detail = {}) {
  out.push_back(make_field_error(std::string(field), code, detail));
}

// Reads any accepted spelling down to the ten national digits.
std::optional<std::string> read_national_number(std::string_view text, std::string_view field, FieldErrors& out) {
  if (text.empty()) {
    report(field, ValidationCode::required, out);
    return std::nullopt;
  }
  if (!detail::check_max_bytes(text, max_phone_input, field, out) || !detail::check_printable_ascii(text, field, out)) {
    return std::nullopt;
  }
  std::string digits;
  bool plus = false;
  int open_brackets = 0;
  int bracket_pairs = 0;
  bool malformed = false;
  for (const char c : text) {
    if (detail::is_ascii_digit(c)) {
      digits.push_back(c);
    } else if (c == '+') {
      malformed = malformed || plus || !digits.empty() || bracket_pairs > 0 || open_brackets > 0;
      plus = true;
    } else if (c == '(') {
      malformed = malformed || open_brackets > 0 || bracket_pairs > 0;
      ++open_brackets;
    } else if (c == ')') {
      malformed = malformed || open_brackets != 1;
      open_brackets = 0;
      ++bracket_pairs;
    } else if (c != ' ' && c != '-' && c != '.') {
      report(field, ValidationCode::invalid_character, out,
             detail::utf8::code_point_name(static_cast<unsigned char>(c)));
      return std::nullopt;
    }
  }
  malformed = malformed || open_brackets != 0;

  std::string_view national = digits;
  if (plus) {
    if (national.substr(0, 2) != "90") malformed = true;  // only Turkish numbers
    national.remove_prefix(std::min<std::size_t>(2, national.size()));
  } else if (national.starts_with("0090")) {
    national.remove_prefix(4);
  } else if (national.starts_with('0')) {
    national.remove_prefix(1);
  } else if (national.size() == national_length + 2 && national.starts_with("90")) {
    national.remove_prefix(2);
  }
  if (malformed || national.size() != national_length) {
    report(field, ValidationCode::invalid_phone, out);
    return std::nullopt;
  }
  return std::string(national);
}

bool is_landline_area(std::string_view national) {
  const int area = (national[0] - '0') * 100 + (national[1] - '0') * 10 + (national[2] - '0');
  return std::binary_search(landline_area_codes.begin(), landline_area_codes.end(), area);
}

std::string grouped(std::string_view e164) {
  // "+905321234567" -> "+90 532 123 45 67"
  std::string out("+90 ");
  const std::string_view n = e164.substr(3);
  out.append(n.substr(0, 3)).append(" ").append(n.substr(3, 3)).append(" ");
  out.append(n.substr(6, 2)).append(" ").append(n.substr(8, 2));
  return out;
}

}  // namespace

Parsed<MobilePhone> MobilePhone::parse(std::string_view text) {
  return detail::parse_with<MobilePhone>(detail::check_mobile, text);
}

std::string MobilePhone::display() const { return grouped(e164_); }

std::string MobilePhone::masked() const {
  std::string out("*** *** ");
  out.append(e164_.substr(e164_.size() - 4, 2)).append(" ").append(e164_.substr(e164_.size() - 2));
  return out;
}

Parsed<LandlinePhone> LandlinePhone::parse(std::string_view number, std::string_view extension) {
  FieldErrors errors;
  auto e164 = detail::check_landline(number, "number", errors);
  std::optional<std::string> ext = std::string();
  if (!extension.empty()) ext = detail::check_extension(extension, "extension", errors);
  if (!errors.empty()) return errors;
  return detail::ValueFactory::make<LandlinePhone>(std::move(*e164), std::move(*ext));
}

std::string LandlinePhone::display() const {
  std::string out = grouped(e164_);
  if (!extension_.empty()) out.append(" / ").append(extension_);
  return out;
}

namespace detail {

std::optional<MobilePhone> check_mobile(std::string_view text, std::string_view field, FieldErrors& out) {
  auto national = read_national_number(text, field, out);
  if (!national) return std::nullopt;
  if ((*national)[0] != '5') {
    report(field, ValidationCode::not_mobile, out);
    return std::nullopt;
  }
  return ValueFactory::make<MobilePhone>("+90" + *national);
}

std::optional<std::string> check_landline(std::string_view text, std::string_view field, FieldErrors& out) {
  auto national = read_national_number(text, field, out);
  if (!national) return std::nullopt;
  if (!is_landline_area(*national)) {
    report(field, ValidationCode::not_landline, out);
    return std::nullopt;
  }
  return "+90" + *national;
}

std::optional<std::string> check_extension(std::string_view text, std::string_view field, FieldErrors& out) {
  if (text.empty()) {
    report(field, ValidationCode::required, out);
    return std::nullopt;
  }
  if (!check_printable_ascii(text, field, out)) return std::nullopt;
  if (text.size() > max_extension_length || !std::all_of(text.begin(), text.end(), is_ascii_digit)) {
    report(field, ValidationCode::invalid_extension, out);
    return std::nullopt;
  }
  return std::string(text);
}

}  // namespace detail

}  // namespace nes
