#include <nes/field_paths.hpp>
#include <nes/form_json.hpp>

#include "form/form_object.hpp"
#include "json/json_read.hpp"
#include "json/json_scan.hpp"
#include "json/wiping_arena.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

namespace nes {

namespace {

namespace json = boost::json;
using detail::json::Reader;

// Sort key that puts problems in form order: by section, then by field; an
// unknown member after its section's known fields; the document first.
std::size_t form_order(std::string_view path) {
  constexpr std::array<std::string_view, 4> sections = {"certificate", "identity", "institution", "delivery"};
  const std::string_view section = path.substr(0, path.find_first_of(".["));
  const auto s = std::find(sections.begin(), sections.end(), section);
  if (s == sections.end()) return 0;
  const auto f = std::find(fields::all.begin(), fields::all.end(), path);
  const std::size_t in_section =
      f == fields::all.end() ? fields::all.size() : static_cast<std::size_t>(f - fields::all.begin());
  return 1 + static_cast<std::size_t>(s - sections.begin()) * (fields::all.size() + 1) + in_section;
}

void put(json::object& o, std::string_view key, std::string_view value) {
  if (!value.empty()) o.emplace(key, json::string_view(value.data(), value.size()));
}

template <class T>
void put(json::object& o, std::string_view key, const std::optional<T>& value) {
  if (value) o.emplace(key, *value);
}

}  // namespace

DecodedForm decode_form_json(std::string_view document) {
  DecodedForm result;
  detail::WipingArena resource;
  ApplicationForm form;
  const bool usable =
      detail::json::read_object_document(document, result.errors, &resource,
                                         [&](Reader& r, const json::object& top) { form = detail::read_form(r, top); });
  if (usable) result.form = std::move(form);
  return result;
}

FormValidation check_form_json(std::string_view document, std::span<const Institution> catalogue) {
  DecodedForm decoded = decode_form_json(document);
  FormValidation result;
  if (!decoded.form) {
    result.errors = std::move(decoded.errors);
    return result;
  }
  result = catalogue.empty() ? validate_form(*decoded.form, nullptr) : validate_form(*decoded.form, catalogue);
  if (decoded.errors.empty()) return result;

  // A field that could not be decoded is unset in the form, so validation
  // may report it again (as required); keep the decoding problem only, also
  // for the fields of a section that could not be decoded.
  FieldErrors merged = std::move(decoded.errors);
  const auto covered = [&](const FieldError& e) {
    return std::any_of(merged.begin(), merged.end(), [&](const FieldError& d) {
      return e.field == d.field || (e.field.starts_with(d.field) && e.field[d.field.size()] == '.');
    });
  };
  for (auto& e : result.errors) {
    if (!covered(e)) merged.push_back(std::move(e));
  }
  std::stable_sort(merged.begin(), merged.end(),
                   [](const FieldError& a, const FieldError& b) { return form_order(a.field) < form_order(b.field); });
  result.errors = std::move(merged);
  result.normalized.reset();
  return result;
}

SecretString encode_form_json(const ApplicationForm& form) {
  detail::WipingArena resource;
  json::object root(&resource);

  json::object certificate(&resource);
  put(certificate, "validity_years", form.certificate.validity_years);
  put(certificate, "card_reader", form.certificate.card_reader);
  put(certificate, "publish_online", form.certificate.publish_online);
  if (form.certificate.security_word) put(certificate, "security_word", form.certificate.security_word->reveal());

  json::object identity(&resource);
  put(identity, "tckn", form.identity.tckn.reveal());
  put(identity, "first_name", form.identity.first_name);
  put(identity, "last_name", form.identity.last_name);
  put(identity, "mobile_phone", form.identity.mobile_phone);
  if (form.identity.info_channel) put(identity, "info_channel", to_string(*form.identity.info_channel));
  put(identity, "email", form.identity.email);

  json::object institution(&resource);
  put(institution, "id", form.institution.id);
  put(institution, "unit", form.institution.unit);
  put(institution, "work_phone", form.institution.work_phone);
  put(institution, "extension", form.institution.extension);

  json::object delivery(&resource);
  if (form.delivery.address_type) put(delivery, "address_type", to_string(*form.delivery.address_type));
  put(delivery, "address_line", form.delivery.address_line);
  put(delivery, "district", form.delivery.district);
  put(delivery, "province", form.delivery.province);
  put(delivery, "postal_code", form.delivery.postal_code);

  root.emplace("certificate", std::move(certificate));
  root.emplace("identity", std::move(identity));
  root.emplace("institution", std::move(institution));
  root.emplace("delivery", std::move(delivery));

  std::string text = json::serialize(root);
  SecretString out(text);
  secure_wipe(text.data(), text.capacity());
  return out;
}

}  // namespace nes
