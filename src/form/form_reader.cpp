// The documented form JSON read into an ApplicationForm, every problem
// reported on its path: for decode_form_json (nes::core) and for the form in
// a portal's answer (nes::client), which both compile this file.

#include "form/form_object.hpp"

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
    if (key == "security_word") {
      std::string word;
      if (r.read(v, at, word)) c.security_word = SecretString(word);
      secure_wipe(word.data(), word.size());
      return true;
    }
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

template <class Section, class ReadSection>
void read_section(Reader& r, const json::value& v, const std::string& at, Section& section, ReadSection read) {
  if (v.is_null()) return;
  if (const json::object* o = r.object(v, at)) read(r, *o, at, section);
}

}  // namespace

namespace detail {

ApplicationForm read_form(Reader& r, const boost::json::object& top) {
  ApplicationForm form;
  r.members(top, "", [&](std::string_view key, const boost::json::value& v, const std::string& at) {
    if (key == "$schema") return true;  // lets editors find docs/form.schema.json
    if (key == "certificate") return read_section(r, v, at, form.certificate, read_certificate), true;
    if (key == "identity") return read_section(r, v, at, form.identity, read_identity), true;
    if (key == "institution") return read_section(r, v, at, form.institution, read_institution), true;
    if (key == "delivery") return read_section(r, v, at, form.delivery, read_delivery), true;
    return false;
  });
  return form;
}

DecodedForm decode_form_object(const boost::json::object& top) {
  DecodedForm result;
  Reader r(result.errors, {});
  result.form = read_form(r, top);
  return result;
}

}  // namespace detail

}  // namespace nes
