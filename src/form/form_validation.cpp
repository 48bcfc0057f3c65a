#include <nes/field_paths.hpp>
#include <nes/form_validation.hpp>

#include "text/field_text.hpp"
#include "values/checks.hpp"

#include <algorithm>
#include <string>

namespace nes {

namespace {

namespace f = fields;

constexpr int min_validity_years = CertificateOptions::min_validity_years;
constexpr int max_validity_years = CertificateOptions::max_validity_years;
constexpr std::size_t max_unit_length = 100;
constexpr std::size_t min_security_word_length = 4;
constexpr std::size_t max_security_word_length = 32;

void report(std::string_view field, ValidationCode code, FieldErrors& out, std::string_view detail = {}) {
  out.push_back(make_field_error(std::string(field), code, detail));
}

std::string join_years(const std::vector<int>& years) {
  std::string out;
  for (const int y : years) {
    if (!out.empty()) out.append(", ");
    out.append(std::to_string(y));
  }
  return out;
}

// Checks a field every form must have; reports `required` when it is unset.
template <class T>
const T* require(const std::optional<T>& value, std::string_view field, FieldErrors& out) {
  if (!value) report(field, ValidationCode::required, out);
  return value ? &*value : nullptr;
}

class FormValidator {
 public:
  FormValidator(const ApplicationForm& form, const Institution* institution)
      : form_(form), rules_(institution != nullptr ? &institution->rules : nullptr) {}

  FieldErrors& errors() { return errors_; }
  ApplicationForm& normalized() { return normalized_; }

  // Each section fills its part of normalized_: checked text from the
  // checks, closed choices copied as they are. A field left unchecked is
  // empty in the input, so it stays empty.
  void certificate() {
    const auto& c = form_.certificate;
    normalized_.certificate = c;
    if (const int* years = require(c.validity_years, f::certificate_validity_years, errors_)) {
      if (*years < min_validity_years || *years > max_validity_years) {
        report(f::certificate_validity_years, ValidationCode::out_of_range, errors_,
               std::to_string(min_validity_years) + "-" + std::to_string(max_validity_years));
      } else if (rules_ != nullptr && !rules_->validity_years.empty() &&
                 std::find(rules_->validity_years.begin(), rules_->validity_years.end(), *years) ==
                     rules_->validity_years.end()) {
        report(f::certificate_validity_years, ValidationCode::not_offered, errors_, join_years(rules_->validity_years));
      }
    }
    if (const bool* reader = require(c.card_reader, f::certificate_card_reader, errors_)) {
      if (*reader && rules_ != nullptr && !rules_->card_reader_offered) {
        report(f::certificate_card_reader, ValidationCode::not_offered, errors_, "false");
      }
    }
    require(c.publish_online, f::certificate_publish_online, errors_);
    normalized_.certificate.security_word.reset();
    if (c.security_word) security_word(*c.security_word);
  }

  // Free text of 4 to 32 characters, checked and normalised as other text is;
  // the copies made on the way are wiped.
  void security_word(const SecretString& word) {
    auto checked = detail::check_text(word.reveal(), {detail::TextKind::free_text, max_security_word_length},
                                      f::certificate_security_word, errors_);
    if (!checked) return;
    const auto characters = static_cast<std::size_t>(std::count_if(
        checked->begin(), checked->end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
    if (characters < min_security_word_length) {
      report(f::certificate_security_word, ValidationCode::too_short, errors_,
             std::to_string(min_security_word_length));
    } else {
      normalized_.certificate.security_word = SecretString(*checked);
    }
    secure_wipe(checked->data(), checked->size());
  }

  void identity() {
    const auto& in = form_.identity;
    auto& out = normalized_.identity;
    if (auto tckn = detail::check_tckn(in.tckn.reveal(), f::identity_tckn, errors_)) out.tckn.assign(tckn->digits());
    assign(out.first_name, detail::check_name_part(in.first_name, f::identity_first_name, errors_));
    assign(out.last_name, detail::check_name_part(in.last_name, f::identity_last_name, errors_));
    if (auto mobile = detail::check_mobile(in.mobile_phone, f::identity_mobile_phone, errors_)) {
      out.mobile_phone = mobile->e164();
    }
    out.info_channel = in.info_channel;
    require(in.info_channel, f::identity_info_channel, errors_);
    const bool email_needed = in.info_channel == InfoChannel::email || required(f::identity_email);
    if (email_needed || !in.email.empty()) {
      if (auto email = detail::check_email(in.email, f::identity_email, errors_)) out.email = email->address();
    }
  }

  void institution(const Institution* institution) {
    const auto& in = form_.institution;
    auto& out = normalized_.institution;
    out.id = in.id;
    if (in.id.empty()) {
      report(f::institution_id, ValidationCode::required, errors_);
    } else if (!detail::is_identifier(in.id)) {
      report(f::institution_id, ValidationCode::invalid_identifier, errors_);
    } else if (institution != nullptr && institution->id != in.id) {
      report(f::institution_id, ValidationCode::unknown_institution, errors_);
    }
    optional_text(in.unit, {detail::TextKind::free_text, max_unit_length}, f::institution_unit, out.unit);
    // An extension (given or required) means nothing without the number it
    // extends.
    const bool extension_needed = !in.extension.empty() || required(f::institution_extension);
    if (!in.work_phone.empty() || required(f::institution_work_phone) || extension_needed) {
      if (auto phone = detail::check_landline(in.work_phone, f::institution_work_phone, errors_)) {
        out.work_phone = *phone;
      }
    }
    if (extension_needed) {
      assign(out.extension, detail::check_extension(in.extension, f::institution_extension, errors_));
    }
  }

  void delivery() {
    const auto& in = form_.delivery;
    auto& out = normalized_.delivery;
    out.address_type = in.address_type;
    require(in.address_type, f::delivery_address_type, errors_);
    assign(out.address_line, detail::check_address_line(in.address_line, f::delivery_address_line, errors_));
    assign(out.district, detail::check_district(in.district, f::delivery_district, errors_));
    const auto province = detail::check_province(in.province, f::delivery_province, errors_);
    if (province) out.province = province->name;
    if (!in.postal_code.empty() || required(f::delivery_postal_code)) {
      const auto code = detail::check_postal_code(in.postal_code, f::delivery_postal_code, errors_);
      if (code && province) detail::check_postal_code_in_province(*code, *province, f::delivery_postal_code, errors_);
      if (code) out.postal_code = code->digits();
    }
  }

 private:
  [[nodiscard]] bool required(std::string_view field) const noexcept {
    return rules_ != nullptr && rules_->requires_field(field);
  }

  static void assign(std::string& out, std::optional<std::string> value) {
    if (value) out = std::move(*value);
  }

  void optional_text(const std::string& in, detail::TextRule rule, std::string_view field, std::string& out) {
    auto value = detail::check_text(in, rule, field, errors_);
    if (value && value->empty() && required(field)) report(field, ValidationCode::required, errors_);
    assign(out, std::move(value));
  }

  const ApplicationForm& form_;
  const FormRules* rules_;
  ApplicationForm normalized_;
  FieldErrors errors_;
};

}  // namespace

bool FormRules::requires_field(std::string_view path) const noexcept {
  return std::find(required_fields.begin(), required_fields.end(), path) != required_fields.end();
}

std::string_view to_string(PaymentKind kind) noexcept {
  return kind == PaymentKind::institution_paid ? "institution_paid" : "person_paid";
}

std::string_view to_string(InfoChannel channel) noexcept { return channel == InfoChannel::email ? "email" : "sms"; }

std::optional<InfoChannel> info_channel_from_string(std::string_view text) noexcept {
  if (text == "sms") return InfoChannel::sms;
  if (text == "email") return InfoChannel::email;
  return std::nullopt;
}

FormValidation validate_form(const ApplicationForm& form, const Institution* institution) {
  FormValidator validator(form, institution);
  validator.certificate();
  validator.identity();
  validator.institution(institution);
  validator.delivery();
  FormValidation result;
  result.errors = std::move(validator.errors());
  if (result.errors.empty()) result.normalized = std::move(validator.normalized());
  return result;
}

FormValidation validate_form(const ApplicationForm& form, std::span<const Institution> catalogue) {
  const auto found = std::find_if(catalogue.begin(), catalogue.end(),
                                  [&](const Institution& i) { return i.id == form.institution.id; });
  if (found != catalogue.end()) return validate_form(form, &*found);
  FormValidation result = validate_form(form, nullptr);
  if (detail::is_identifier(form.institution.id)) {
    // Keep form order: the institution id follows the identity section.
    const auto at = std::find_if(result.errors.begin(), result.errors.end(), [](const FieldError& e) {
      return e.field.starts_with("institution.") || e.field.starts_with("delivery.");
    });
    result.errors.insert(at, make_field_error(std::string(f::institution_id), ValidationCode::unknown_institution));
    result.normalized.reset();
  }
  return result;
}

}  // namespace nes
