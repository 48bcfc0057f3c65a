#include "portal/registry/personnel_registry.hpp"

#include "json/json_read.hpp"
#include "json/json_scan.hpp"
#include "portal/crypto/encoding.hpp"
#include "text/field_text.hpp"
#include "text/unicode.hpp"

#include <nes/email.hpp>
#include <nes/person_name.hpp>

#include <algorithm>

namespace nes::portal::registry {

namespace json = boost::json;
using detail::json::element_path;
using detail::json::Reader;

bool Person::is_staff_of(std::string_view institution_id) const {
  return std::find(staff_of.begin(), staff_of.end(), institution_id) != staff_of.end();
}

bool Person::is_officer_of(std::string_view institution_id) const {
  return std::find(officer_of.begin(), officer_of.end(), institution_id) != officer_of.end();
}

namespace {

std::string comparable_name(std::string_view name) {
  std::string spaced;
  for (const char c : detail::unicode::to_upper_tr(detail::unicode::to_nfc(name))) {
    if (c == ' ' && (spaced.empty() || spaced.back() == ' ')) continue;
    spaced += c;
  }
  if (!spaced.empty() && spaced.back() == ' ') spaced.pop_back();
  return spaced;
}

}  // namespace

bool same_name(std::string_view written, std::string_view registered) {
  return comparable_name(written) == comparable_name(registered);
}

const Person* PersonnelRegistry::find(std::string_view tckn) const {
  const auto found =
      std::find_if(people_.begin(), people_.end(), [&](const Person& p) { return p.tckn.digits() == tckn; });
  return found == people_.end() ? nullptr : &*found;
}

std::uint32_t PersonnelRegistry::max_password_iterations() const noexcept {
  std::uint32_t most = PasswordHash::min_iterations;
  for (const auto& p : people_) most = std::max(most, p.password.iterations);
  return most;
}

namespace {

// Re-homes a value parser's problems under `path` ("" → path, "first_name" → path.first_name).
void adopt(const FieldErrors& errors, const std::string& path, FieldErrors& out) {
  for (const auto& e : errors) {
    FieldError moved = e;
    moved.field = e.field.empty() ? path : path + "." + e.field;
    out.push_back(std::move(moved));
  }
}

std::optional<PasswordHash> read_password(Reader& r, const json::value& v, const std::string& at) {
  const json::object* o = r.object(v, at);
  if (o == nullptr) return std::nullopt;
  std::string algorithm;
  std::optional<int> iterations;
  std::string salt;
  std::string hash;
  r.members(*o, at, [&](std::string_view key, const json::value& value, const std::string& member) {
    if (key == "algorithm") return r.read(value, member, algorithm), true;
    if (key == "iterations") return r.read(value, member, iterations), true;
    if (key == "salt") return r.read(value, member, salt), true;
    if (key == "hash") return r.read(value, member, hash), true;
    return false;
  });
  PasswordHash out;
  bool ok = true;
  if (algorithm != "pbkdf2-sha256") {
    r.report(at + ".algorithm", ValidationCode::unknown_value, "pbkdf2-sha256");
    ok = false;
  }
  if (!iterations || *iterations < static_cast<int>(PasswordHash::min_iterations)) {
    r.report(at + ".iterations", ValidationCode::out_of_range, ">= 10000");
    ok = false;
  } else {
    out.iterations = static_cast<std::uint32_t>(*iterations);
  }
  if (!crypto::base64_decode(salt, out.salt) || out.salt.size() < PasswordHash::salt_bytes) {
    r.report(at + ".salt", ValidationCode::wrong_type, "base64 of at least 16 bytes");
    ok = false;
  }
  if (!crypto::base64_decode(hash, out.hash) || out.hash.size() != PasswordHash::hash_bytes) {
    r.report(at + ".hash", ValidationCode::wrong_type, "base64 of 32 bytes");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Person> read_person(Reader& r, FieldErrors& errors, const json::object& o, const std::string& path) {
  std::string tckn_text;
  std::string first_name;
  std::string last_name;
  std::vector<MobilePhone> phones;
  std::vector<std::string> staff_of;
  std::vector<std::string> officer_of;
  std::string work_email;
  std::optional<PasswordHash> password;
  const std::size_t errors_before = errors.size();
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "tckn") return r.read(v, at, tckn_text), true;
    if (key == "first_name") return r.read(v, at, first_name), true;
    if (key == "last_name") return r.read(v, at, last_name), true;
    if (key == "password") return password = read_password(r, v, at), true;
    if (key == "work_email") {
      std::string text;
      if (!r.read(v, at, text)) return true;
      if (auto email = Email::parse(text)) {
        work_email = email->address();
      } else {
        adopt(email.errors(), at, errors);
      }
      return true;
    }
    if (key == "mobile_phones" || key == "staff_of" || key == "officer_of") {
      const json::array* items = r.array(v, at);
      for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
        const std::string item_at = element_path(at, i);
        std::string text;
        if (!r.read((*items)[i], item_at, text)) continue;
        if (key != "mobile_phones") {
          if (detail::is_identifier(text))
            (key == "staff_of" ? staff_of : officer_of).push_back(text);
          else
            r.report(item_at, ValidationCode::invalid_identifier);
        } else if (auto phone = MobilePhone::parse(text)) {
          phones.push_back(std::move(phone).value());
        } else {
          adopt(phone.errors(), item_at, errors);
        }
      }
      return true;
    }
    return false;
  });
  auto tckn = Tckn::parse(tckn_text);
  if (!tckn) adopt(tckn.errors(), path + ".tckn", errors);
  auto name = PersonName::parse(first_name, last_name);
  if (!name) adopt(name.errors(), path, errors);
  if (phones.empty() && errors.size() == errors_before) r.report(path + ".mobile_phones", ValidationCode::required);
  // The access codes of an institution's staff come from its officer: an
  // officer must be reachable at work.
  if (!officer_of.empty() && work_email.empty() && errors.size() == errors_before) {
    r.report(path + ".work_email", ValidationCode::required);
  }
  if (!password) {
    if (errors.size() == errors_before) r.report(path + ".password", ValidationCode::required);
    return std::nullopt;
  }
  if (errors.size() != errors_before) return std::nullopt;
  return Person{.tckn = std::move(tckn).value(),
                .first_name = name->first(),
                .last_name = name->last(),
                .mobile_phones = std::move(phones),
                .staff_of = std::move(staff_of),
                .officer_of = std::move(officer_of),
                .work_email = std::move(work_email),
                .password = std::move(*password)};
}

}  // namespace

Parsed<PersonnelRegistry> decode_personnel_registry(std::string_view document) {
  FieldErrors errors;
  std::vector<Person> people;
  detail::json::read_object_document(document, errors, {}, [&](Reader& r, const json::object& top) {
    r.members(top, "", [&](std::string_view key, const json::value& v, const std::string& at) {
      if (key == "$comment") return true;
      if (key != "people") return false;
      const json::array* items = r.array(v, at);
      for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
        const std::string item_at = element_path(at, i);
        const json::object* o = r.object((*items)[i], item_at);
        if (o == nullptr) continue;
        auto person = read_person(r, errors, *o, item_at);
        if (!person) continue;
        const bool seen =
            std::any_of(people.begin(), people.end(), [&](const Person& p) { return p.tckn == person->tckn; });
        if (seen) {
          r.report(item_at + ".tckn", ValidationCode::duplicate_field);
        } else {
          people.push_back(std::move(*person));
        }
      }
      return true;
    });
  });
  if (!errors.empty()) return errors;
  return PersonnelRegistry(std::move(people));
}

}  // namespace nes::portal::registry
