// Builds an application form in code, validates it, and prints every problem
// and then the normalised values. Run: nes_example_validate_form

#include <nes/nes.hpp>

#include <iostream>

int main() {
  nes::ApplicationForm form;
  form.certificate = {.validity_years = 3, .card_reader = true, .publish_online = false};
  form.identity.tckn.assign("10000000146");
  form.identity.first_name = "Çağrı";
  form.identity.last_name = "  Yıldırım  ";
  form.identity.mobile_phone = "+90 (532) 123-45-67";
  form.identity.info_channel = nes::InfoChannel::sms;
  form.institution = {.id = "saglik-bakanligi", .unit = "Halk Sağlığı", .work_phone = "", .extension = ""};
  form.delivery = {.address_type = nes::AddressType::home,
                   .address_line = "Kültür Mah. 1375 Sok. No: 8",
                   .district = "Konak",
                   .province = "IZMIR",
                   .postal_code = "35220"};

  const nes::FormValidation result = nes::validate_form(form);
  for (const nes::FieldError& e : result.errors) {
    std::cout << e.field << " [" << nes::to_string(e.code) << "] " << e.message_en << "\n";
  }
  if (!result.valid()) return 1;

  const nes::ApplicationForm& normalized = *result.normalized;
  std::cout << "mobile phone: " << normalized.identity.mobile_phone << "\n"
            << "last name:    " << normalized.identity.last_name << "\n"
            << "province:     " << normalized.delivery.province << "\n";
  return 0;
}
