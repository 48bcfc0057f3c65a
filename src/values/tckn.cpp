#include <nes/secret.hpp>
#include <nes/tckn.hpp>

#include "text/field_text.hpp"
#include "text/utf8.hpp"
#include "values/checks.hpp"
#include "values/value_factory.hpp"

#include <algorithm>

namespace nes {

namespace {

constexpr std::size_t tckn_length = 11;

// flow.md: d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10,
//          d11 = (d1+…+d10) mod 10.
bool check_digits_match(std::string_view d) noexcept {
  const auto at = [&](std::size_t i) { return d[i] - '0'; };
  const int odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const int even = at(1) + at(3) + at(5) + at(7);
  const int tenth = ((odd * 7 - even) % 10 + 10) % 10;
  if (tenth != at(9)) return false;
  return (odd + even + tenth) % 10 == at(10);
}

}  // namespace

bool Tckn::is_valid(std::string_view text) noexcept {
  return text.size() == tckn_length && std::all_of(text.begin(), text.end(), detail::is_ascii_digit) &&
         text[0] != '0' && check_digits_match(text);
}

Parsed<Tckn> Tckn::parse(std::string_view text) { return detail::parse_with<Tckn>(detail::check_tckn, text); }

Tckn::Tckn(std::string_view digits) noexcept { std::copy_n(digits.begin(), digits_.size(), digits_.begin()); }

Tckn::~Tckn() { secure_wipe(digits_.data(), digits_.size()); }

std::string Tckn::masked() const {
  std::string out(tckn_length - 2, '*');
  out.append(digits_.data() + tckn_length - 2, 2);
  return out;
}

namespace detail {

std::optional<Tckn> check_tckn(std::string_view text, std::string_view field, FieldErrors& out) {
  if (text.empty()) {
    out.push_back(make_field_error(std::string(field), ValidationCode::required));
    return std::nullopt;
  }
  if (!check_printable_ascii(text, field, out)) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), is_ascii_digit)) {
    const auto bad = std::find_if_not(text.begin(), text.end(), is_ascii_digit);
    out.push_back(make_field_error(std::string(field), ValidationCode::invalid_character,
                                   detail::utf8::code_point_name(static_cast<unsigned char>(*bad))));
    return std::nullopt;
  }
  if (text.size() != tckn_length) {
    out.push_back(make_field_error(std::string(field), ValidationCode::wrong_length, "11"));
    return std::nullopt;
  }
  if (text[0] == '0') {
    out.push_back(make_field_error(std::string(field), ValidationCode::leading_zero));
    return std::nullopt;
  }
  if (!check_digits_match(text)) {
    out.push_back(make_field_error(std::string(field), ValidationCode::checksum));
    return std::nullopt;
  }
  return ValueFactory::make<Tckn>(text);
}

}  // namespace detail

}  // namespace nes
