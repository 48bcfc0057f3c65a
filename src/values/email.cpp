#include <nes/email.hpp>

#include "text/field_text.hpp"
#include "values/checks.hpp"
#include "values/value_factory.hpp"

#include <algorithm>

namespace nes {

namespace {

constexpr std::size_t max_address = 254;  // RFC 5321 path limit less the brackets
constexpr std::size_t max_local = 64;
constexpr std::size_t max_domain = 253;
constexpr std::size_t max_label = 63;

bool is_atext(char c) noexcept {
  // RFC 5322 atext: letters, digits and these symbols.
  constexpr std::string_view symbols = "!#$%&'*+-/=?^_`{|}~";
  return detail::is_ascii_alnum(c) || symbols.find(c) != std::string_view::npos;
}

bool valid_local_part(std::string_view local) noexcept {
  if (local.empty() || local.size() > max_local) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || is_atext(c); });
}

bool valid_label(std::string_view label) noexcept {
  if (label.empty() || label.size() > max_label || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return detail::is_ascii_alnum(c) || c == '-'; });
}

bool valid_domain(std::string_view domain) noexcept {
  if (domain.empty() || domain.size() > max_domain) return false;
  std::size_t labels = 0;
  while (true) {
    const auto dot = domain.find('.');
    if (!valid_label(domain.substr(0, dot))) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  // A top-level domain of letters only, and at least two labels.
  return labels >= 2 && std::all_of(domain.begin(), domain.end(), detail::is_ascii_alpha);
}

}  // namespace

Parsed<Email> Email::parse(std::string_view text) { return detail::parse_with<Email>(detail::check_email, text); }

namespace detail {

std::optional<Email> check_email(std::string_view text, std::string_view field, FieldErrors& out) {
  if (text.empty()) {
    out.push_back(make_field_error(std::string(field), ValidationCode::required));
    return std::nullopt;
  }
  if (!check_max_bytes(text, max_address, field, out) || !check_printable_ascii(text, field, out)) {
    return std::nullopt;
  }
  const auto at = text.rfind('@');
  if (at == std::string_view::npos || !valid_local_part(text.substr(0, at)) || !valid_domain(text.substr(at + 1))) {
    out.push_back(make_field_error(std::string(field), ValidationCode::invalid_email));
    return std::nullopt;
  }
  std::string address(text);
  std::transform(address.begin() + static_cast<std::ptrdiff_t>(at) + 1, address.end(),
                 address.begin() + static_cast<std::ptrdiff_t>(at) + 1, ascii_lower);
  return ValueFactory::make<Email>(std::move(address));
}

}  // namespace detail

}  // namespace nes
