#pragma once
// Forms and catalogues shared by the tests.

#include <nes/nes.hpp>

#include <vector>

namespace nes::test {

/// A complete, valid form for the "yok-akademik" institution of catalogue().
inline ApplicationForm valid_form() {
  ApplicationForm form;
  form.certificate = {.validity_years = 3, .card_reader = true, .publish_online = false};
  form.identity.tckn.assign("10000000146");
  form.identity.first_name = "Ayşe Gül";
  form.identity.last_name = "Şahin";
  form.identity.mobile_phone = "0532 123 45 67";
  form.identity.info_channel = InfoChannel::sms;
  form.institution = {.id = "yok-akademik", .unit = "Fizik Bölümü", .work_phone = "0312 210 20 00", .extension = "42"};
  form.delivery = {.address_type = AddressType::work,
                   .address_line = "Üniversiteler Mah. No: 1",
                   .district = "Çankaya",
                   .province = "Ankara",
                   .postal_code = "06800"};
  return form;
}

inline Institution institution(std::string id, std::vector<std::string> required, std::vector<int> years,
                               bool card_reader_offered = true) {
  Institution inst;
  inst.id = std::move(id);
  inst.name = "Kurum";
  inst.rules = {.required_fields = std::move(required),
                .validity_years = std::move(years),
                .card_reader_offered = card_reader_offered};
  return inst;
}

inline std::vector<Institution> catalogue() {
  return {institution("yok-akademik", {"institution.unit", "institution.work_phone"}, {1, 2, 3}),
          institution("meb", {"institution.unit", "delivery.postal_code"}, {1, 2, 3}, false)};
}

/// The codes of `errors` at `field`, for compact assertions.
inline std::vector<ValidationCode> codes_at(const FieldErrors& errors, std::string_view field) {
  std::vector<ValidationCode> out;
  for (const auto& e : errors) {
    if (e.field == field) out.push_back(e.code);
  }
  return out;
}

}  // namespace nes::test
