#include "form_fields.hpp"

#include <nes/field_paths.hpp>

namespace nes::cli {

namespace {

// One lookup for both constnesses: Form is ApplicationForm or const ApplicationForm.
template <class Form>
auto* field_of(Form& form, std::string_view path) {
  using Member = decltype(&form.identity.first_name);
  if (path == fields::identity_first_name) return &form.identity.first_name;
  if (path == fields::identity_last_name) return &form.identity.last_name;
  if (path == fields::identity_mobile_phone) return &form.identity.mobile_phone;
  if (path == fields::identity_email) return &form.identity.email;
  if (path == fields::institution_unit) return &form.institution.unit;
  if (path == fields::institution_work_phone) return &form.institution.work_phone;
  if (path == fields::institution_extension) return &form.institution.extension;
  if (path == fields::delivery_address_line) return &form.delivery.address_line;
  if (path == fields::delivery_district) return &form.delivery.district;
  if (path == fields::delivery_province) return &form.delivery.province;
  if (path == fields::delivery_postal_code) return &form.delivery.postal_code;
  return Member{nullptr};
}

}  // namespace

std::string* text_field(ApplicationForm& form, std::string_view path) { return field_of(form, path); }

const std::string* text_field(const ApplicationForm& form, std::string_view path) { return field_of(form, path); }

}  // namespace nes::cli
