#include "portal/approval/approval_document.hpp"

#include <nes/phone.hpp>

namespace nes::portal::approval {

namespace {

std::string yes_no(const std::optional<bool>& value) { return value.value_or(false) ? "Evet" : "Hayır"; }

std::string address_type_tr(const std::optional<AddressType>& type) {
  if (!type) return "-";
  switch (*type) {
    case AddressType::home:
      return "Ev";
    case AddressType::work:
      return "İş";
    case AddressType::other:
      return "Diğer";
  }
  return "-";
}

void line(std::string& out, std::string_view label, std::string_view value) {
  out.append(label).append(": ").append(value.empty() ? std::string_view("-") : value).append("\n");
}

// The reference portal's own wording, not Kamu SM's official text.
constexpr std::string_view undertaking =
    "NES TAAHHÜTNAMESİ (referans portal örnek metni)\n"
    "Bu formdaki bilgilerin doğru olduğunu, nitelikli elektronik sertifikamı ve ona ait imza oluşturma\n"
    "verisini yalnızca kendim kullanacağımı, başkasına kullandırmayacağımı, kaybolması ya da\n"
    "güvenliğinden şüphe etmem halinde derhal Kamu SM'ye bildirerek iptalini isteyeceğimi, sertifikanın\n"
    "üretiminden sonra ücret iadesi yapılmayacağını bildiğimi ve 5070 sayılı Elektronik İmza Kanunu ile\n"
    "Kamu SM Sertifika Uygulama Esaslarına uyacağımı kabul ve taahhüt ederim.\n";

}  // namespace

std::string make_approval_document(const ApplicationForm& form, const DocumentFacts& facts) {
  std::string out;
  out += "NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU\n";
  line(out, "Başvuru No", facts.application_id);
  line(out, "Tarih", facts.date);
  out += "\nSERTİFİKA BİLGİSİ\n";
  line(out, "Sertifika Süresi", std::to_string(form.certificate.validity_years.value_or(0)) + " yıl");
  line(out, "Kart Okuyucu", yes_no(form.certificate.card_reader));
  line(out, "Sertifikanız İnternetten Yayınlansın", yes_no(form.certificate.publish_online));
  line(out, "Ücret (KDV Hariç)", facts.fee.net.format_tr());
  line(out, "KDV", facts.fee.kdv.format_tr());
  line(out, "Ödenecek Tutar (KDV Dahil)", facts.fee.total.format_tr());
  out += "\nKİMLİK BİLGİLERİ\n";
  line(out, "T.C. Kimlik No", form.identity.tckn.reveal());
  line(out, "Ad", form.identity.first_name);
  line(out, "Soyad", form.identity.last_name);
  const auto phone = MobilePhone::parse(form.identity.mobile_phone);
  line(out, "Cep Telefonu", phone ? phone->display() : form.identity.mobile_phone);
  line(out, "Bilgi Kanalı",
       form.identity.info_channel == InfoChannel::email ? std::string_view("E-posta") : std::string_view("SMS"));
  line(out, "E-posta", form.identity.email);
  out += "\nKURUM BİLGİSİ\n";
  line(out, "Kurum Adı", facts.institution.name);
  line(out, "Talep Eden Birim Unvanı", form.institution.unit);
  const auto work_phone = LandlinePhone::parse(form.institution.work_phone);
  line(out, "İş Telefonu", work_phone ? work_phone->display() : form.institution.work_phone);
  line(out, "Dahili", form.institution.extension);
  out += "\nTESLİMAT BİLGİSİ\n";
  line(out, "Adres Tipi", address_type_tr(form.delivery.address_type));
  line(out, "Adres", form.delivery.address_line);
  line(out, "İlçe", form.delivery.district);
  line(out, "İl", form.delivery.province);
  line(out, "Posta Kodu", form.delivery.postal_code);
  out += "\n";
  out += undertaking;
  return out;
}

}  // namespace nes::portal::approval
