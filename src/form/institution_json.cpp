#include <nes/application_form.hpp>
#include <nes/field_paths.hpp>
#include <nes/institution.hpp>

#include "json/json_read.hpp"
#include "json/json_scan.hpp"
#include "text/field_text.hpp"

#include <algorithm>
#include <span>

namespace nes {

namespace {

namespace json = boost::json;
using detail::json::element_path;
using detail::json::Reader;

constexpr std::size_t max_name_length = 200;
constexpr std::size_t max_notice_length = 2000;

// Reads a required identifier ([a-z0-9_-]{1,64}).
void read_identifier(Reader& r, const json::value& v, const std::string& at, std::string& out) {
  if (r.read(v, at, out) && !detail::is_identifier(out)) r.report(at, ValidationCode::invalid_identifier);
}

// Reads display text: one line, normalised, within `max` characters.
void read_text(Reader& r, FieldErrors& errors, const json::value& v, const std::string& at, std::size_t max,
               std::string& out) {
  std::string raw;
  if (!r.read(v, at, raw)) return;
  if (auto text = detail::check_text(raw, {detail::TextKind::free_text, max}, at, errors)) out = std::move(*text);
}

std::string joined(std::span<const std::string_view> names) {
  std::string out;
  for (const auto name : names) {
    if (!out.empty()) out.append(", ");
    out.append(name);
  }
  return out;
}

void read_required_fields(Reader& r, const json::array& items, const std::string& at, FormRules& rules) {
  const auto& allowed = fields::institution_may_require;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_at = element_path(at, i);
    std::string field;
    if (!r.read(items[i], item_at, field)) continue;
    if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
      r.report(item_at, ValidationCode::unknown_value, joined(allowed));
    } else {
      rules.required_fields.push_back(std::move(field));
    }
  }
}

void read_validity_years(Reader& r, const json::array& items, const std::string& at, FormRules& rules) {
  constexpr int min = CertificateOptions::min_validity_years;
  constexpr int max = CertificateOptions::max_validity_years;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_at = element_path(at, i);
    std::optional<int> years;
    if (!r.read(items[i], item_at, years) || !years) continue;
    if (*years < min || *years > max) {
      r.report(item_at, ValidationCode::out_of_range, std::to_string(min) + "-" + std::to_string(max));
    } else {
      rules.validity_years.push_back(*years);
    }
  }
}

void read_rules(Reader& r, const json::object& o, const std::string& path, FormRules& rules) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "card_reader_offered") {
      std::optional<bool> offered;
      if (r.read(v, at, offered) && offered) rules.card_reader_offered = *offered;
      return true;
    }
    if (key == "required_fields") {
      if (const json::array* items = r.array(v, at)) read_required_fields(r, *items, at, rules);
      return true;
    }
    if (key == "validity_years") {
      if (const json::array* items = r.array(v, at)) read_validity_years(r, *items, at, rules);
      return true;
    }
    return false;
  });
}

void read_notice(Reader& r, FieldErrors& errors, const json::object& o, const std::string& path, Notice& n) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "id") return read_identifier(r, v, at, n.id), true;
    if (key == "text_tr") return read_text(r, errors, v, at, max_notice_length, n.text_tr), true;
    if (key == "text_en") return read_text(r, errors, v, at, max_notice_length, n.text_en), true;
    return false;
  });
  if (n.id.empty()) r.report(path + ".id", ValidationCode::required);
  if (n.text_tr.empty()) r.report(path + ".text_tr", ValidationCode::required);
}

void read_institution(Reader& r, FieldErrors& errors, const json::object& o, const std::string& path,
                      Institution& inst) {
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "id") return read_identifier(r, v, at, inst.id), true;
    if (key == "name") return read_text(r, errors, v, at, max_name_length, inst.name), true;
    if (key == "payment") {
      std::string kind;
      if (r.read(v, at, kind)) {
        if (kind == "person_paid")
          inst.payment = PaymentKind::person_paid;
        else if (kind == "institution_paid")
          inst.payment = PaymentKind::institution_paid;
        else
          r.report(at, ValidationCode::unknown_value, "person_paid, institution_paid");
      }
      return true;
    }
    if (key == "rules") {
      if (const json::object* rules = r.object(v, at)) read_rules(r, *rules, at, inst.rules);
      return true;
    }
    if (key == "notices") {
      if (const json::array* notices = r.array(v, at)) {
        for (std::size_t i = 0; i < notices->size(); ++i) {
          const std::string notice_at = element_path(at, i);
          if (const json::object* n = r.object((*notices)[i], notice_at)) {
            read_notice(r, errors, *n, notice_at, inst.notices.emplace_back());
          }
        }
      }
      return true;
    }
    return false;
  });
  if (inst.id.empty()) r.report(path + ".id", ValidationCode::required);
  if (inst.name.empty()) r.report(path + ".name", ValidationCode::required);
}

}  // namespace

Parsed<std::vector<Institution>> decode_institution_catalogue(std::string_view document) {
  FieldErrors errors;
  std::vector<Institution> catalogue;
  detail::json::read_object_document(document, errors, {}, [&](Reader& r, const json::object& top) {
    r.members(top, "", [&](std::string_view key, const json::value& v, const std::string& at) {
      if (key == "$schema") return true;
      if (key != "institutions") return false;
      const json::array* items = r.array(v, at);
      for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
        const std::string item_at = element_path(at, i);
        const json::object* o = r.object((*items)[i], item_at);
        if (o == nullptr) continue;
        Institution inst;
        read_institution(r, errors, *o, item_at, inst);
        const bool seen = std::any_of(catalogue.begin(), catalogue.end(),
                                      [&](const Institution& other) { return other.id == inst.id; });
        if (seen && !inst.id.empty()) r.report(item_at + ".id", ValidationCode::duplicate_field);
        catalogue.push_back(std::move(inst));
      }
      return true;
    });
  });
  if (!errors.empty()) return errors;
  return catalogue;
}

}  // namespace nes
