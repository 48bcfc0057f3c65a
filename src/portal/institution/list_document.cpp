#include "portal/institution/list_document.hpp"

#include "portal/crypto/encoding.hpp"

#include <nes/form_json.hpp>
#include <nes/money.hpp>

#include <algorithm>

namespace nes::portal::institution {

namespace {

void line(std::string& out, std::string_view label, std::string_view value) {
  out.append(label).append(": ").append(value.empty() ? std::string_view("-") : value).append("\n");
}

std::string approval_tr(const std::optional<std::string>& approval) {
  if (approval == "e_signature") return "e-imza";
  if (approval == "wet_signature") return "ıslak imza (form alındı)";
  return "-";
}

}  // namespace

std::string make_list_document(const Institution& institution, std::vector<store::ApplicationRecord> waiting) {
  std::sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) {
    return a.created_at_ms != b.created_at_ms ? a.created_at_ms < b.created_at_ms : a.id < b.id;
  });
  Money total;
  for (const auto& application : waiting) total = total.checked_add(application.fee.total).value_or(total);
  std::string out = "KURUM NES BAŞVURU LİSTESİ\n";
  line(out, "Kurum", institution.name);
  line(out, "Kurum Kodu", institution.id);
  line(out, "Başvuru Sayısı", std::to_string(waiting.size()));
  line(out, "Toplam (KDV Dahil)", total.format_tr());
  std::size_t row = 0;
  for (const auto& application : waiting) {
    const auto decoded = decode_form_json(application.form_json);
    const ApplicationForm form = decoded.form.value_or(ApplicationForm{});
    out += "\n" + std::to_string(++row) + ". BAŞVURU\n";
    line(out, "Başvuru No", application.id);
    line(out, "T.C. Kimlik No", application.tckn);
    line(out, "Ad", form.identity.first_name);
    line(out, "Soyad", form.identity.last_name);
    line(out, "Birim", form.institution.unit);
    line(out, "Sertifika Süresi", std::to_string(form.certificate.validity_years.value_or(0)) + " yıl");
    line(out, "Kart Okuyucu", form.certificate.card_reader.value_or(false) ? "Evet" : "Hayır");
    line(out, "Onay", approval_tr(application.approval));
    line(out, "Ücret (KDV Dahil)", application.fee.total.format_tr());
    if (application.held_back_reason) line(out, "Önceki Listeden Çıkarılma Nedeni", *application.held_back_reason);
  }
  return out;
}

std::string list_version(std::string_view document) {
  const auto digest = crypto::sha256(document);
  return crypto::hex_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string make_decision_document(std::string_view list_document, const store::ListDecision& decision,
                                   const Officer& officer, std::string_view date) {
  std::string out(list_document);
  out += "\nKURUM YETKİLİSİ KARARI\n";
  line(out, "Karar No", decision.id);
  line(out, "Liste Sürümü", decision.version);
  line(out, "Tarih", date);
  line(out, "Yetkili T.C. Kimlik No", officer.tckn);
  line(out, "Yetkili Ad Soyad", std::string(officer.first_name) + " " + std::string(officer.last_name));
  std::string approved;
  for (const auto& id : decision.included) approved += (approved.empty() ? "" : ", ") + id;
  line(out, "Onaylanan Başvurular", approved);
  line(out, "Onaylanan Toplam (KDV Dahil)", Money::from_kurus(decision.total_kurus).format_tr());
  if (decision.excluded.empty()) {
    line(out, "Listeden Çıkarılanlar", "-");
  } else {
    out += "Listeden Çıkarılanlar:\n";
    for (const auto& held : decision.excluded) out += "- " + held.application_id + ": " + held.reason + "\n";
  }
  out +=
      "\nYukarıdaki başvuruların kurumumuz personeline ait olduğunu ve sertifika ücretlerinin kurumumuzca\n"
      "ödeneceğini onaylarım.\n";
  return out;
}

}  // namespace nes::portal::institution
