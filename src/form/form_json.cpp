#include <nes/field_paths.hpp>
#include <nes/form_json.hpp>

#include "form/form_object.hpp"
#include "json/json_read.hpp"
#include "json/json_scan.hpp"
#include "json/wiping_resource.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

namespace nes {

namespace {

namespace json = boost::json;
using detail::json::Reader;

constexpr std::string_view info_channels = "sms, email";
constexpr std::string_view address_types = "home, work, other";

void read_certificate(Reader& r, const json::object& o, const std::string& path, CertificateOptions& c) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "validity_years") return r.read(v, at, c.validity_years), true;
    if (key == "card_reader") return r.read(v, at, c.card_reader), true;
    if (key == "publish_online") return r.read(v, at, c.publish_online), true;
    return false;
  });
}

void read_identity(Reader& r, const json::object& o, const std::string& path, IdentityDetails& d) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "tckn") {
      if (v.is_string())
        d.tckn.assign(std::string_view(v.get_string().data(), v.get_string().size()));
      else if (!v.is_null())
        r.report(at, ValidationCode::wrong_type, "string");
      return true;
    }
    if (key == "first_name") return r.read(v, at, d.first_name), true;
    if (key == "last_name") return r.read(v, at, d.last_name), true;
    if (key == "mobile_phone") return r.read(v, at, d.mobile_phone), true;
    if (key == "info_channel")
      return r.read_choice(v, at, d.info_channel, info_channel_from_string, info_channels), true;
    if (key == "email") return r.read(v, at, d.email), true;
    return false;
  });
}

void read_institution(Reader& r, const json::object& o, const std::string& path, InstitutionDetails& d) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "id") return r.read(v, at, d.id), true;
    if (key == "unit") return r.read(v, at, d.unit), true;
    if (key == "work_phone") return r.read(v, at, d.work_phone), true;
    if (key == "extension") return r.read(v, at, d.extension), true;
    return false;
  });
}

void read_delivery(Reader& r, const json::object& o, const std::string& path, DeliveryDetails& d) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "address_type") {
      return r.read_choice(v, at, d.address_type, address_type_from_string, address_types), true;
    }
    if (key == "address_line") return r.read(v, at, d.address_line), true;
    if (key == "district") return r.read(v, at, d.district), true;
    if (key == "province") return r.read(v, at, d.province), true;
    if (key == "postal_code") return r.read(v, at, d.postal_code), true;
    return false;
  });
}

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

template <class Section, class ReadSection>
void read_section(Reader& r, const json::value& v, const std::string& at, Section& section, ReadSection read) {
  if (v.is_null()) return;
  if (const json::object* o = r.object(v, at)) read(r, *o, at, section);
}

void put(json::object& o, std::string_view key, std::string_view value) {
  if (!value.empty()) o.emplace(key, json::string_view(value.data(), value.size()));
}

template <class T>
void put(json::object& o, std::string_view key, const std::optional<T>& value) {
  if (value) o.emplace(key, *value);
}

ApplicationForm read_form(Reader& r, const json::object& top) {
  ApplicationForm form;
  r.members(top, "", [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "$schema") return true;  // lets editors find docs/form.schema.json
    if (key == "certificate") return read_section(r, v, at, form.certificate, read_certificate), true;
    if (key == "identity") return read_section(r, v, at, form.identity, read_identity), true;
    if (key == "institution") return read_section(r, v, at, form.institution, read_institution), true;
    if (key == "delivery") return read_section(r, v, at, form.delivery, read_delivery), true;
    return false;
  });
  return form;
}

}  // namespace

DecodedForm decode_form_json(std::string_view document) {
  DecodedForm result;
  detail::WipingResource resource;
  ApplicationForm form;
  const bool usable = detail::json::read_object_document(
      document, result.errors, &resource, [&](Reader& r, const json::object& top) { form = read_form(r, top); });
  if (usable) result.form = std::move(form);
  return result;
}

DecodedForm detail::decode_form_object(const boost::json::object& top) {
  DecodedForm result;
  Reader r(result.errors, {});
  result.form = read_form(r, top);
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
  detail::WipingResource resource;
  json::object root(&resource);

  json::object certificate(&resource);
  put(certificate, "validity_years", form.certificate.validity_years);
  put(certificate, "card_reader", form.certificate.card_reader);
  put(certificate, "publish_online", form.certificate.publish_online);

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
