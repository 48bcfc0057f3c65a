#include <nes/person_name.hpp>

#include "text/field_text.hpp"
#include "text/unicode.hpp"
#include "values/checks.hpp"
#include "values/value_factory.hpp"

namespace nes {

Parsed<PersonName> PersonName::parse(std::string_view first_name, std::string_view last_name) {
  FieldErrors errors;
  auto first = detail::check_name_part(first_name, "first_name", errors);
  auto last = detail::check_name_part(last_name, "last_name", errors);
  if (!errors.empty()) return errors;
  return detail::ValueFactory::make<PersonName>(std::move(*first), std::move(*last));
}

std::string PersonName::full() const { return first_ + ' ' + last_; }

std::string PersonName::full_upper_tr() const { return detail::unicode::to_upper_tr(full()); }

namespace detail {

std::optional<std::string> check_name_part(std::string_view text, std::string_view field, FieldErrors& out) {
  return check_required_text(text, {TextKind::name, PersonName::max_part_length}, field, out);
}

}  // namespace detail

}  // namespace nes
