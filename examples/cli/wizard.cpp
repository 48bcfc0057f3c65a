#include "wizard.hpp"

#include "command_status.hpp"
#include "secret_input.hpp"
#include "terminal.hpp"

#include <nes/client.hpp>
#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>
#include <nes/phone.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <iostream>
#include <thread>

namespace nes::cli {

namespace {

namespace asio = boost::asio;

class Wizard {
 public:
  Wizard(const ApplyOptions& options, bool english) : options_(options), english_(english) {}
  int run();

 private:
  [[nodiscard]] const char* t(const char* tr, const char* en) const { return english_ ? en : tr; }
  void step(int n, const std::string& text) const { std::cout << "\n[" << n << "] " << text << "\n"; }

  // Runs one operation to its end on io_.
  template <class T, class Start>
  std::pair<error_code, Result<T>> wait(Start start) {
    std::pair<error_code, Result<T>> out;
    start([&out](error_code ec, Result<T> r) { out = {ec, std::move(r)}; });
    io_.restart();
    io_.run();
    return out;
  }

  std::optional<std::string> ask(const std::string& prompt) {
    auto line = read_terminal_line(prompt);
    if (!line) std::cerr << "\nnes: " << t("girdi bitti", "the input ended") << "\n";
    return line;
  }
  std::optional<std::size_t> choose(const std::string& prompt, std::size_t count);
  bool yes(const std::string& prompt);
  // Asks for one field until the SDK's validators find nothing wrong with it.
  bool field(const char* path, const std::string& prompt, const std::function<void(const std::string&)>& set,
             bool optional = false);
  [[nodiscard]] std::string message(const FieldError& e) const { return english_ ? e.message_en : e.message_tr; }

  const ApplyOptions& options_;
  bool english_;
  asio::io_context io_;
  ApplicationForm form_;
  std::vector<Institution> catalogue_;
};

std::optional<std::size_t> Wizard::choose(const std::string& prompt, std::size_t count) {
  for (;;) {
    auto line = ask(prompt);
    if (!line) return std::nullopt;
    const auto n = std::atoi(line->c_str());
    if (n >= 1 && static_cast<std::size_t>(n) <= count) return static_cast<std::size_t>(n - 1);
    std::cout << t("  1 ile ", "  a number from 1 to ") << count << t(" arasında bir sayı girin.\n", ".\n");
  }
}

bool Wizard::yes(const std::string& prompt) {
  for (;;) {
    auto line = ask(prompt);
    if (!line) return false;
    if (*line == "e" || *line == "E" || *line == "y" || *line == "Y") return true;
    if (*line == "h" || *line == "H" || *line == "n" || *line == "N") return false;
  }
}

bool Wizard::field(const char* path, const std::string& prompt, const std::function<void(const std::string&)>& set,
                   bool optional) {
  for (;;) {
    auto line = ask(prompt + ": ");
    if (!line) return false;
    if (line->empty() && optional) return true;
    set(*line);
    const auto checked = validate_form(form_, catalogue_);
    const auto problem = std::find_if(checked.errors.begin(), checked.errors.end(),
                                      [&](const FieldError& e) { return e.field == path; });
    if (problem == checked.errors.end()) return true;
    std::cout << "  " << message(*problem) << "\n";
  }
}

int Wizard::run() {
  error_code ec;
  std::string detail;
  auto client = Client::create(io_.get_executor(), client_options_for(options_.portal, options_.ca_file), ec, &detail);
  if (!client) {
    std::cerr << "nes apply: " << detail << "\n";
    return exit_usage;
  }
  auto [iec, info] = wait<PortalInfo>([&](auto h) { client->async_info(std::move(h)); });
  if (iec) {
    std::cerr << "nes apply: " << options_.portal << ": " << iec.message() << "\n";
    return exit_failed;
  }
  step(1, t("Online İşlemler: ", "Online services: ") + info->name);
  step(3, t("e-Devlet Kapısı ile giriş", "Login through the e-Devlet gateway"));

  // 4: T.C. Kimlik No, checked as typed; the password without echo.
  for (;;) {
    auto typed = ask(t("T.C. Kimlik No: ", "T.C. identity number: "));
    if (!typed) return exit_failed;
    auto parsed = Tckn::parse(*typed);
    if (parsed) {
      form_.identity.tckn = SecretString(*typed);
      secure_wipe(typed->data(), typed->size());
      break;
    }
    std::cout << "  " << message(parsed.errors().front()) << "\n";
  }
  std::string error;
  auto password =
      read_secret(options_.password_file, "NES_PASSWORD", t("e-Devlet Şifresi: ", "e-Devlet password: "), error);
  if (!password) {
    std::cerr << "nes apply: " << error << "\n";
    return exit_failed;
  }
  Credentials credentials{form_.identity.tckn, std::move(*password)};
  auto [lec, session] = wait<Session>([&](auto h) { client->async_login(std::move(credentials), std::move(h)); });
  if (lec) {
    const auto* p = session.problem();
    std::cerr << "nes apply: " << t("giriş olmadı: ", "the login failed: ") << lec.message()
              << (p != nullptr ? " [" + p->code + "]" : "") << "\n";
    return exit_failed;
  }
  std::cout << t("  Hoş geldiniz, ", "  Welcome, ") << session->info().first_name << " " << session->info().last_name
            << "\n";
  step(5, t("NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri → Kişi Ödemeli Başvuru",
            "NES → Individual → Applications → Person-paid application"));

  // 9: the institution and its notices.
  auto [cec, catalogue] = wait<std::vector<Institution>>([&](auto h) { session->async_institutions(std::move(h)); });
  if (cec) {
    std::cerr << "nes apply: " << cec.message() << "\n";
    return exit_failed;
  }
  catalogue_ = *catalogue;
  step(9, t("Kurum Seçimi", "Choose the institution"));
  for (std::size_t i = 0; i < catalogue_.size(); ++i) std::cout << "  " << i + 1 << ") " << catalogue_[i].name << "\n";
  const auto chosen = choose(t("Kurum: ", "Institution: "), catalogue_.size());
  if (!chosen) return exit_failed;
  const Institution& institution = catalogue_[*chosen];
  form_.institution.id = institution.id;
  for (const auto& notice : institution.notices) {
    std::cout << "  * " << (english_ ? notice.text_en : notice.text_tr) << "\n";
    if (!yes(t("    Okudum, kabul ediyorum (e/h): ", "    I have read and accept it (y/n): "))) {
      std::cout << t("nes: başvuru yapılmadı.\n", "nes: no application was made.\n");
      return exit_failed;
    }
  }

  // 10: the form, field by field.
  step(10, t("Başvuru Formu", "The application form"));
  const auto& rules = institution.rules;
  std::string years;
  for (const int y : rules.validity_years) years += (years.empty() ? "" : "/") + std::to_string(y);
  if (!field("certificate.validity_years", t("Sertifika Süresi (yıl: ", "Validity (years: ") + years + ")",
             [&](const std::string& v) { form_.certificate.validity_years = std::atoi(v.c_str()); })) {
    return exit_failed;
  }
  form_.certificate.card_reader =
      rules.card_reader_offered && yes(t("Kart Okuyucu ister misiniz? (e/h): ", "Do you want a card reader? (y/n): "));
  form_.certificate.publish_online =
      yes(t("Sertifikanız İnternetten Yayınlansın mı? (e/h): ", "Publish your certificate online? (y/n): "));
  auto set = [](std::string& member) { return [&member](const std::string& v) { member = v; }; };
  if (!field("identity.first_name", t("Ad", "First name"), set(form_.identity.first_name)) ||
      !field("identity.last_name", t("Soyad", "Last name"), set(form_.identity.last_name))) {
    return exit_failed;
  }
  auto [pec, phones] = wait<std::vector<RegisteredPhone>>([&](auto h) { session->async_phones(std::move(h)); });
  if (pec || phones->empty()) {
    std::cerr << "nes apply: " << t("kayıtlı cep telefonu yok", "no registered mobile number") << "\n";
    return exit_failed;
  }
  std::cout << t("  Kayıtlı cep telefonlarınız:\n", "  Your registered mobile numbers:\n");
  for (std::size_t i = 0; i < phones->size(); ++i) std::cout << "  " << i + 1 << ") " << (*phones)[i].masked << "\n";
  const auto phone = choose(t("Cep Telefonu: ", "Mobile number: "), phones->size());
  if (!phone) return exit_failed;
  const std::string& masked = (*phones)[*phone].masked;
  std::string last_digits;
  for (const char c : masked) {
    if (c >= '0' && c <= '9') last_digits += c;
  }
  for (;;) {
    if (!field("identity.mobile_phone", t("  numaranın tamamı", "  the whole number"),
               set(form_.identity.mobile_phone))) {
      return exit_failed;
    }
    const auto parsed = MobilePhone::parse(form_.identity.mobile_phone);
    if (parsed && parsed->e164().size() >= last_digits.size() &&
        parsed->e164().compare(parsed->e164().size() - last_digits.size(), last_digits.size(), last_digits) == 0) {
      break;
    }
    std::cout << t("  Seçtiğiniz numara ", "  The number you chose ends in ") << masked << t(" ile bitiyor.\n", ".\n");
  }
  form_.identity.info_channel = InfoChannel::sms;
  if (!field("institution.unit", t("Talep Eden Birim Unvanı", "Requesting unit"), set(form_.institution.unit)) ||
      !field("institution.work_phone", t("İş Telefonu", "Work phone"), set(form_.institution.work_phone),
             std::find(rules.required_fields.begin(), rules.required_fields.end(), "institution.work_phone") ==
                 rules.required_fields.end()) ||
      !field("institution.extension", t("Dahili (isteğe bağlı)", "Extension (optional)"),
             set(form_.institution.extension), true)) {
    return exit_failed;
  }
  if (!field("delivery.address_type", t("Adres Tipi (home, work, other)", "Address type (home, work, other)"),
             [&](const std::string& v) { form_.delivery.address_type = address_type_from_string(v); }) ||
      !field("delivery.address_line", t("Adres", "Address"), set(form_.delivery.address_line)) ||
      !field("delivery.district", t("İlçe", "District"), set(form_.delivery.district)) ||
      !field("delivery.province", t("İl", "Province"), set(form_.delivery.province)) ||
      !field("delivery.postal_code", t("Posta Kodu", "Postal code"), set(form_.delivery.postal_code))) {
    return exit_failed;
  }
  const auto checked = validate_form(form_, catalogue_);
  if (!checked.valid()) {
    for (const auto& e : checked.errors) std::cout << "  " << e.field << ": " << message(e) << "\n";
    return exit_failed;
  }

  // 10-12: the SDK's run, through the journal, on this session.
  auto journal = open_journal(options_, "apply");
  if (!journal) return exit_failed;
  ApplicationRunOptions run = run_options(options_);
  run.session = *session;
  run.acknowledge = [](const Institution&, const Notice&, std::function<void(error_code, bool)> give) {
    give({}, true);  // each was accepted above, before the form
  };
  run.otp_code = [this](const OtpStatus& status, std::function<void(error_code, SecretString)> give) {
    std::thread([this, status, give = std::move(give)] {
      auto code = read_with_countdown([&] {
        return std::string(t("SMS kodu (", "SMS code (")) + status.phone_masked + t("; kalan ", "; ") +
               std::to_string(status.seconds_left().count()) +
               t(" sn; Tekrar Gönder için r): ", " s left; r for a new code): ");
      });
      if (!code) {
        give(asio::error::operation_aborted, {});
      } else if (*code == "r" || *code == "R") {
        give(asio::error::try_again, {});
      } else {
        give({}, SecretString(*code));
      }
    }).detach();
  };
  run.approval_route = [this](const ApplicationInfo& application, std::function<void(error_code, ApprovalRoute)> give) {
    step(12, t("Başvuru Onay", "Approval"));
    std::cout << t("  Ödenecek Tutar (KDV Dahil): ", "  Amount due (VAT included): ")
              << application.fee.total.format_tr() << " (" << application.fee.net.format_tr() << " + KDV "
              << application.fee.kdv.format_tr() << ")\n"
              << t("  1) e-imza ile Onaylama\n  2) Islak İmza ile Onaylama (Formu İndir)\n",
                   "  1) Approve by e-signature\n  2) Approve by wet signature (download the form)\n");
    const auto route = choose(t("Seçim: ", "Choice: "), 2);
    if (!route) {
      give({}, ApprovalRoute::none);
      return;
    }
    give({}, *route == 0 ? ApprovalRoute::e_signature : ApprovalRoute::wet_signature);
  };
  auto started =
      ApplicationRun::begin(*client, journal, *checked.normalized, ApprovalRoute::none, std::move(run), ec, &detail);
  if (!started) {
    std::cerr << "nes apply: " << detail << "\n";
    return exit_failed;
  }
  const auto result = finish(io_, *started, options_);
  if (!result.finished) {
    std::cout << "nes: " << result.error
              << t("\n  Günlük kaydı tutuyor: nes resume ile devam edin.\n",
                   "\n  The journal keeps it: continue with nes resume.\n");
    return exit_failed;
  }
  std::cout << t("\nBaşvuru No: ", "\nApplication number: ") << result.entry.application_id << " ("
            << result.entry.portal_status << ")\n";
  if (!result.pdf.empty()) {
    std::cout << t("Formu yazdırıp imzalayın ve şu adrese gönderin: ", "Print and sign the form, and post it to: ")
              << result.postal_address << "\n  " << result.pdf << "\n"
              << t("Ödeme, form Kamu SM'ye ulaştıktan sonra yapılabilir.\n",
                   "Payment becomes possible once the form reaches Kamu SM.\n");
  } else {
    std::cout << t("Başvurunuz e-imza ile onaylandı; Başvurularım'dan izleyebilirsiniz.\n",
                   "Your application is approved by e-signature; follow it under Başvurularım.\n");
  }
  return exit_ok;
}

}  // namespace

int run_wizard(const ApplyOptions& options, const std::string& lang) {
  Wizard wizard(options, lang == "en");
  return wizard.run();
}

}  // namespace nes::cli
