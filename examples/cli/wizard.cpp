#include "wizard.hpp"

#include "apply_options.hpp"
#include "command_status.hpp"
#include "form_fields.hpp"
#include "journal_command.hpp"
#include "language.hpp"
#include "problem_text.hpp"
#include "secret_input.hpp"
#include "terminal.hpp"
#include "timestamp_option.hpp"

#include <nes/answers.hpp>
#include <nes/client.hpp>
#include <nes/e_onay.hpp>
#include <nes/field_paths.hpp>
#include <nes/form_validation.hpp>
#include <nes/phone.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <array>
#include <iostream>
#include <thread>

namespace nes::cli {

namespace {

namespace asio = boost::asio;

// The fields the wizard asks for, in the form's order.
constexpr std::array<std::string_view, 17> asked = {
    fields::certificate_validity_years, fields::certificate_card_reader, fields::certificate_publish_online,
    fields::certificate_security_word,  fields::identity_first_name,     fields::identity_last_name,
    fields::identity_mobile_phone,      fields::identity_info_channel,   fields::identity_email,
    fields::institution_unit,           fields::institution_work_phone,  fields::institution_extension,
    fields::delivery_address_type,      fields::delivery_address_line,   fields::delivery_district,
    fields::delivery_province,          fields::delivery_postal_code,
};

std::string label(std::string_view path) {
  const auto l = field_label(path);
  return l ? std::string(say(*l)) : std::string(path);
}

std::string yes_no_text(const std::optional<bool>& v) {
  if (!v) return "-";
  return std::string(*v ? say("Evet", "Yes") : say("Hayır", "No"));
}

class Wizard {
 public:
  explicit Wizard(const ApplyOptions& options) : options_(options) {}
  int run();

 private:
  static void step(int n, std::string_view text) { std::cout << "\n[" << n << "] " << text << "\n"; }

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
    if (!line) std::cerr << "\nnes: " << say("girdi bitti", "the input ended") << "\n";
    return line;
  }
  std::optional<std::size_t> choose(const std::string& prompt, std::size_t count);
  std::optional<bool> yes(const std::string& question);
  // Asks for one text field until the SDK's validators find nothing wrong
  // with it; `fallback` is taken for an empty answer when given.
  bool text(std::string_view path, std::string& member, const std::string& fallback = {});
  // Asks for a closed choice until `parse` takes the answer; the accepted
  // `answers` are shown.
  template <class T, class Parse>
  bool pick(std::string_view path, std::string_view answers, Parse parse, std::optional<T>& member);
  bool ask_field(std::string_view path);
  bool ask_security_word();
  [[nodiscard]] std::string shown(std::string_view path) const;
  [[nodiscard]] bool optional_field(std::string_view path) const;
  bool summary();
  std::optional<Session> log_in(Client& client);
  ApplicationRunOptions run_options_for(const Session& session, const std::shared_ptr<SecretsGiven>& given);
  int finish_run(Client& client, const Session& session);

  const ApplyOptions& options_;
  asio::io_context io_;
  ApplicationForm form_;
  std::vector<Institution> catalogue_;
  const Institution* institution_ = nullptr;
  SessionInfo person_;
  std::vector<RegisteredPhone> phones_;
};

std::optional<std::size_t> Wizard::choose(const std::string& prompt, std::size_t count) {
  for (;;) {
    auto line = ask(prompt);
    if (!line) return std::nullopt;
    const auto n = std::atoi(line->c_str());
    if (n >= 1 && static_cast<std::size_t>(n) <= count) return static_cast<std::size_t>(n - 1);
    std::cout << "  " << say("1 ile ", "A number from 1 to ") << count << say(" arasında bir sayı girin.\n", ".\n");
  }
}

std::optional<bool> Wizard::yes(const std::string& question) {
  const std::string answers(say(yes_no_answers_tr, yes_no_answers_en));
  for (;;) {
    auto line = ask(question + " (" + answers + "): ");
    if (!line) return std::nullopt;
    if (const auto answer = yes_no_from_text(*line)) return answer;
    std::cout << "  " << say("Geçerli yanıtlar: ", "Valid answers: ") << answers << "\n";
  }
}

bool Wizard::text(std::string_view path, std::string& member, const std::string& fallback) {
  const bool may_skip = optional_field(path);
  std::string hint;
  if (!fallback.empty()) {
    hint = " [" + fallback + "]";
  } else if (may_skip) {
    hint = say(" (isteğe bağlı)", " (optional)");
  } else if (path == fields::identity_mobile_phone) {
    hint = say(" (numaranın tamamı)", " (the whole number)");
  }
  for (;;) {
    auto line = ask(label(path) + hint + ": ");
    if (!line) return false;
    member = line->empty() ? fallback : *line;
    if (member.empty() && may_skip) return true;
    const auto checked = validate_form(form_, institution_);
    const auto problem = std::find_if(checked.errors.begin(), checked.errors.end(),
                                      [&](const FieldError& e) { return e.field == path; });
    if (problem == checked.errors.end()) return true;
    std::cout << "  " << (ui_language() == Language::tr ? problem->message_tr : problem->message_en) << "\n";
  }
}

template <class T, class Parse>
bool Wizard::pick(std::string_view path, std::string_view answers, Parse parse, std::optional<T>& member) {
  for (;;) {
    auto line = ask(label(path) + " (" + std::string(answers) + "): ");
    if (!line) return false;
    if (auto value = parse(*line)) {
      member = value;
      return true;
    }
    std::cout << "  " << say("Geçerli yanıtlar: ", "Valid answers: ") << answers << "\n";
  }
}

bool Wizard::optional_field(std::string_view path) const {
  if (path == fields::identity_email)
    return form_.identity.info_channel != InfoChannel::email && !institution_->rules.requires_field(path);
  if (path == fields::institution_work_phone || path == fields::institution_extension ||
      path == fields::delivery_postal_code || path == fields::institution_unit) {
    return !institution_->rules.requires_field(path);
  }
  return false;
}

// The security word (Güvenlik Sözcüğü): optional, typed unseen and twice, as
// the card's PUK is later released for it alone (nes certificates puk).
bool Wizard::ask_security_word() {
  std::cout << say(
      "  PIN'iniz kilitlenirse kartın PUK'unu bu sözcük ve bir SMS koduyla portaldan alırsınız.\n"
      "  Boş bırakırsanız PUK'u Kamu SM kimliğinizi görerek verir.\n",
      "  Should your PIN lock, this word and an SMS code get the card's PUK from the portal.\n"
      "  Left empty, Kamu SM gives the PUK on sight of your identity card.\n");
  const std::string name = label(fields::certificate_security_word);
  for (;;) {
    std::string error;
    auto word = read_secret({}, nullptr,
                            name + std::string(say(" (isteğe bağlı, görünmez): ", " (optional, unseen): ")), error);
    if (!word) return false;
    if (word->reveal().empty()) {
      form_.certificate.security_word.reset();
      return true;
    }
    auto again = read_secret({}, nullptr, name + std::string(say(" (yeniden): ", " (again): ")), error);
    if (!again) return false;
    if (!(*again == *word)) {
      std::cout << "  " << say("İki sözcük aynı değil.", "The two differ.") << "\n";
      continue;
    }
    form_.certificate.security_word = std::move(*word);
    const auto checked = validate_form(form_, institution_);
    const auto problem = std::find_if(checked.errors.begin(), checked.errors.end(),
                                      [](const FieldError& e) { return e.field == fields::certificate_security_word; });
    if (problem == checked.errors.end()) return true;
    form_.certificate.security_word.reset();
    std::cout << "  " << (ui_language() == Language::tr ? problem->message_tr : problem->message_en) << "\n";
  }
}

bool Wizard::ask_field(std::string_view path) {
  const auto& rules = institution_->rules;
  if (path == fields::certificate_validity_years) {
    std::string years;
    for (const int y : rules.validity_years) years += (years.empty() ? "" : "/") + std::to_string(y);
    for (;;) {
      auto line = ask(label(path) + std::string(say(" (yıl: ", " (years: ")) + years + "): ");
      if (!line) return false;
      form_.certificate.validity_years = std::atoi(line->c_str());
      const auto checked = validate_form(form_, institution_);
      const auto problem = std::find_if(checked.errors.begin(), checked.errors.end(),
                                        [&](const FieldError& e) { return e.field == path; });
      if (problem == checked.errors.end()) return true;
      std::cout << "  " << (ui_language() == Language::tr ? problem->message_tr : problem->message_en) << "\n";
    }
  }
  if (path == fields::certificate_card_reader) {
    if (!rules.card_reader_offered) {
      form_.certificate.card_reader = false;
      return true;
    }
    const auto answer = yes(std::string(say("Kart Okuyucu ister misiniz?", "Do you want a card reader?")));
    form_.certificate.card_reader = answer;
    return answer.has_value();
  }
  if (path == fields::certificate_publish_online) {
    const auto answer =
        yes(std::string(say("Sertifikanız İnternetten Yayınlansın mı?", "Publish your certificate online?")));
    form_.certificate.publish_online = answer;
    return answer.has_value();
  }
  if (path == fields::certificate_security_word) return ask_security_word();
  if (path == fields::identity_first_name) return text(path, form_.identity.first_name, person_.first_name);
  if (path == fields::identity_last_name) return text(path, form_.identity.last_name, person_.last_name);
  if (path == fields::identity_mobile_phone) {
    std::cout << say("  Kayıtlı cep telefonlarınız:\n", "  Your registered mobile numbers:\n");
    for (std::size_t i = 0; i < phones_.size(); ++i) std::cout << "  " << i + 1 << ") " << phones_[i].masked << "\n";
    const auto phone = choose(label(path) + std::string(say(" (listeden): ", " (from the list): ")), phones_.size());
    if (!phone) return false;
    const std::string& masked = phones_[*phone].masked;
    std::string last_digits;
    for (const char c : masked) {
      if (c >= '0' && c <= '9') last_digits += c;
    }
    for (;;) {
      if (!text(path, form_.identity.mobile_phone)) return false;
      const auto parsed = MobilePhone::parse(form_.identity.mobile_phone);
      if (parsed && parsed->e164().size() >= last_digits.size() &&
          parsed->e164().compare(parsed->e164().size() - last_digits.size(), last_digits.size(), last_digits) == 0) {
        return true;
      }
      std::cout << say("  Seçtiğiniz numara ", "  The number you chose ends in ") << masked
                << say(" ile bitiyor; numaranın tamamını yazın.\n", "; type the whole number.\n");
    }
  }
  if (path == fields::identity_info_channel) {
    return pick(path, say(info_channel_answers_tr, info_channel_answers_en), info_channel_from_text,
                form_.identity.info_channel);
  }
  if (path == fields::delivery_address_type) {
    return pick(path, say(address_type_answers_tr, address_type_answers_en), address_type_from_text,
                form_.delivery.address_type);
  }
  std::string* member = text_field(form_, path);
  return member != nullptr && text(path, *member);
}

std::string Wizard::shown(std::string_view path) const {
  if (path == fields::certificate_validity_years) {
    return form_.certificate.validity_years
               ? std::to_string(*form_.certificate.validity_years) + std::string(say(" yıl", " years"))
               : "-";
  }
  if (path == fields::certificate_card_reader) return yes_no_text(form_.certificate.card_reader);
  if (path == fields::certificate_publish_online) return yes_no_text(form_.certificate.publish_online);
  if (path == fields::certificate_security_word) {
    return form_.certificate.security_word ? std::string(say("verildi (gösterilmez)", "given (not shown)")) : "-";
  }
  if (path == fields::identity_info_channel) {
    return form_.identity.info_channel == InfoChannel::email ? std::string(say("e-posta", "email")) : "SMS";
  }
  if (path == fields::delivery_address_type) {
    if (!form_.delivery.address_type) return "-";
    switch (*form_.delivery.address_type) {
      case AddressType::home:
        return std::string(say("Ev", "Home"));
      case AddressType::work:
        return std::string(say("İş", "Work"));
      case AddressType::other:
        return std::string(say("Diğer", "Other"));
    }
  }
  const std::string* value = text_field(form_, path);
  return value == nullptr || value->empty() ? "-" : *value;
}

// Özet: every answer, numbered; Devam goes on, a number asks that field
// again. False when the person leaves.
bool Wizard::summary() {
  for (;;) {
    std::cout << "\n" << say("Özet", "Summary") << " — " << institution_->name << "\n";
    for (std::size_t i = 0; i < asked.size(); ++i) {
      std::cout << "  " << (i + 1 < 10 ? " " : "") << i + 1 << ") " << label(asked[i]) << ": " << shown(asked[i])
                << "\n";
    }
    auto line = ask(std::string(say("Devam için d, düzeltmek için alanın numarası: ",
                                    "d to go on (Devam), or the number of a field to correct (Düzelt): ")));
    if (!line) return false;
    const auto folded = yes_no_from_text(*line);
    if (*line == "d" || *line == "D" || folded == true) {
      const auto checked = validate_form(form_, institution_);
      if (checked.valid()) return true;
      for (const auto& e : checked.errors) {
        std::cout << "  " << label(e.field) << ": " << (ui_language() == Language::tr ? e.message_tr : e.message_en)
                  << "\n";
      }
      continue;
    }
    const auto n = std::atoi(line->c_str());
    if (n >= 1 && static_cast<std::size_t>(n) <= asked.size()) {
      if (!ask_field(asked[static_cast<std::size_t>(n - 1)])) return false;
      continue;
    }
    std::cout << "  " << say("d ya da 1 ile ", "d, or a number from 1 to ") << asked.size()
              << say(" arasında bir sayı.\n", ".\n");
  }
}

// Step 4: the T.C. Kimlik No checked as typed, the password without echo. A
// refused password is asked again only when the person says so.
std::optional<Session> Wizard::log_in(Client& client) {
  for (;;) {
    auto typed = ask("T.C. Kimlik No: ");
    if (!typed) return std::nullopt;
    auto parsed = Tckn::parse(*typed);
    if (parsed) {
      form_.identity.tckn = SecretString(*typed);
      secure_wipe(typed->data(), typed->size());
      break;
    }
    const auto& e = parsed.errors().front();
    std::cout << "  " << (ui_language() == Language::tr ? e.message_tr : e.message_en) << "\n";
  }
  for (;;) {
    std::string error;
    auto password = read_secret(options_.password_file, "NES_PASSWORD",
                                std::string(say("e-Devlet Şifresi: ", "e-Devlet password: ")), error);
    if (!password) {
      std::cerr << "nes apply: " << error << "\n";
      return std::nullopt;
    }
    Credentials credentials{form_.identity.tckn, std::move(*password)};
    auto [ec, session] = wait<Session>([&](auto h) { client.async_login(std::move(credentials), std::move(h)); });
    if (!ec) return *session;
    std::cout << "  " << problem_text(ec, session) << "\n";
    // A password from a file or $NES_PASSWORD would only be refused again.
    const bool typed = options_.password_file.empty() && std::getenv("NES_PASSWORD") == nullptr;
    if (!typed || recovery_of(ec, session.problem()) != Recovery::correct) return std::nullopt;
    const auto again = yes(std::string(say("Şifreyi yeniden girmek ister misiniz?", "Type the password again?")));
    if (again != true) return std::nullopt;
  }
}

ApplicationRunOptions Wizard::run_options_for(const Session& session, const std::shared_ptr<SecretsGiven>& given) {
  ApplicationRunOptions run = run_options(options_, given);
  std::string tsa_error;
  if (!attach_timestamps(options_, io_.get_executor(), run, tsa_error)) std::cerr << "nes: " << tsa_error << "\n";
  run.session = session;
  run.acknowledge = [](const Institution&, const Notice&, std::function<void(error_code, bool)> give) {
    give({}, true);  // each was accepted above, before the form
  };
  run.otp_code = [](const OtpStatus& status, std::function<void(error_code, SecretString)> give) {
    std::thread([status, give = std::move(give)] {
      auto code = read_with_countdown([&] {
        return std::string(say("SMS kodu (", "SMS code (")) + status.phone_masked + std::string(say("; kalan ", "; ")) +
               std::to_string(status.seconds_left().count()) +
               std::string(say(" sn; Tekrar Gönder için r): ", " s left; r for a new code): "));
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
  // A standing E-Onay offers the third way, "e-onaylı": no signature, no paper.
  const EOnay consent(session);
  auto [eec, consent_status] = wait<EOnayStatus>([&consent](auto h) { consent.async_status(std::move(h)); });
  const bool e_onay_stands = !eec && consent_status->state == EOnayState::given;
  run.approval_route = [this, e_onay_stands](const ApplicationInfo& application,
                                             std::function<void(error_code, ApprovalRoute)> give) {
    step(12, say("Başvuru Onay", "Approval"));
    std::cout << say("  Ödenecek Tutar (KDV Dahil): ", "  Amount due (VAT included): ")
              << application.fee.total.format_tr() << " (" << application.fee.net.format_tr() << " + KDV "
              << application.fee.kdv.format_tr() << ")\n"
              << say("  1) e-imza ile Onaylama\n  2) Islak İmza ile Onaylama (Formu İndir)\n",
                     "  1) Approve by e-signature\n  2) Approve by wet signature (download the form)\n");
    if (e_onay_stands) {
      std::cout << say("  3) E-Onay ile Onaylama (verdiğiniz E-Onay geçerli; imza ve form gerekmez)\n",
                       "  3) Approve by E-Onay (your consent stands; no signature, no form)\n");
    }
    const auto route = choose(std::string(say("Seçim: ", "Choice: ")), e_onay_stands ? 3 : 2);
    if (!route) {
      give({}, ApprovalRoute::none);
      return;
    }
    constexpr std::array routes = {ApprovalRoute::e_signature, ApprovalRoute::wet_signature, ApprovalRoute::e_onay};
    give({}, routes.at(*route));
  };
  return run;
}

// Steps 10 to 12 through the SDK's run and the journal. A field the portal
// refuses (phone_not_registered, a form problem) is asked again, the entry
// amended, and the run goes on.
int Wizard::finish_run(Client& client, const Session& session) {
  auto journal = open_journal(options_, "apply");
  if (!journal) return exit_failed;
  for (;;) {
    const auto checked = validate_form(form_, institution_);
    const auto given = std::make_shared<SecretsGiven>();
    error_code ec;
    std::string detail;
    auto started = ApplicationRun::begin(client, journal, *checked.normalized, ApprovalRoute::none,
                                         run_options_for(session, given), ec, &detail);
    if (!started) {
      std::cerr << "nes apply: " << problem_text(ec, nullptr) << " " << detail << "\n";
      return exit_failed;
    }
    const auto result = finish(io_, *started, options_, given);
    if (result.finished) {
      std::cout << say("\nBaşvuru No: ", "\nApplication number: ") << result.entry.application_id << " ("
                << result.status_text << ")\n";
      if (!result.pdf.empty()) {
        std::cout << say("Formu yazdırıp imzalayın ve şu adrese gönderin: ",
                         "Print and sign the form, and post it to: ")
                  << result.postal_address << "\n  " << result.pdf << "\n"
                  << say("Ödeme, form Kamu SM'ye ulaştıktan sonra yapılabilir.\n",
                         "Payment becomes possible once the form reaches Kamu SM.\n");
      } else {
        std::cout << say("Başvurunuz e-imza ile onaylandı; Başvurularım'dan izleyebilirsiniz.\n",
                         "Your application is approved by e-signature; follow it under Başvurularım.\n");
      }
      return exit_ok;
    }
    std::cout << "nes: " << result.error << "\n";
    const auto fields = result.problem ? refused_fields(*result.problem) : std::vector<std::string>{};
    if (fields.empty() || result.entry.step != JournalStep::started) {
      std::cout << say("  Günlük kaydı tutuyor: nes resume ile devam edin.\n",
                       "  The journal keeps it: continue with nes resume.\n");
      return result_status(result);
    }
    for (const auto& path : fields) {
      if (!ask_field(path)) return exit_failed;
    }
    if (!summary()) return exit_failed;
    JournalEntry entry = result.entry;
    if (!journal->amend_form(entry, *validate_form(form_, institution_).normalized, ec)) {
      std::cerr << "nes apply: " << problem_text(ec, nullptr) << "\n";
      return exit_failed;
    }
  }
}

int Wizard::run() {
  error_code ec;
  std::string detail;
  auto client = Client::create(io_.get_executor(), client_options_for(options_.portal, options_.ca_file), ec, &detail);
  if (!client) {
    std::cerr << "nes apply: " << problem_text(ec, nullptr) << " " << detail << "\n";
    return exit_usage;
  }
  auto [iec, info] = wait<PortalInfo>([&](auto h) { client->async_info(std::move(h)); });
  if (iec) {
    std::cerr << "nes apply: " << options_.portal << ": " << problem_text(iec, info) << "\n";
    return exit_status_for(iec, info.problem());
  }
  step(1, std::string(say("Online İşlemler: ", "Online services: ")) + info->name);
  step(3, say("e-Devlet Kapısı ile giriş", "Login through the e-Devlet gateway"));
  auto session = log_in(*client);
  if (!session) return exit_failed;
  person_ = session->info();
  std::cout << say("  Hoş geldiniz, ", "  Welcome, ") << person_.first_name << " " << person_.last_name << "\n";
  step(5, say("NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri → Kişi Ödemeli Başvuru",
              "NES → Individual → Applications → Person-paid application"));

  // 9: the institution and its notices.
  auto [cec, catalogue] = wait<std::vector<Institution>>([&](auto h) { session->async_institutions(std::move(h)); });
  if (cec) {
    std::cerr << "nes apply: " << problem_text(cec, catalogue) << "\n";
    return exit_status_for(cec, catalogue.problem());
  }
  catalogue_ = *catalogue;
  step(9, say("Kurum Seçimi", "Choose the institution"));
  for (std::size_t i = 0; i < catalogue_.size(); ++i) std::cout << "  " << i + 1 << ") " << catalogue_[i].name << "\n";
  const auto chosen = choose(std::string(say("Kurum: ", "Institution: ")), catalogue_.size());
  if (!chosen) return exit_failed;
  institution_ = &catalogue_[*chosen];
  form_.institution.id = institution_->id;
  for (const auto& notice : institution_->notices) {
    std::cout << "  * " << (ui_language() == Language::tr ? notice.text_tr : notice.text_en) << "\n";
    if (yes(std::string(say("    Okudum, kabul ediyorum", "    I have read and accept it"))) != true) {
      std::cout << say("nes: başvuru yapılmadı.\n", "nes: no application was made.\n");
      return exit_failed;
    }
  }

  // 10: the form, field by field, then the summary.
  auto [pec, phones] = wait<std::vector<RegisteredPhone>>([&](auto h) { session->async_phones(std::move(h)); });
  if (pec || phones->empty()) {
    std::cerr << "nes apply: " << say("kayıtlı cep telefonu yok", "no registered mobile number") << "\n";
    return exit_failed;
  }
  phones_ = *phones;
  step(10, say("Başvuru Formu", "The application form"));
  for (const auto path : asked) {
    if (!ask_field(path)) return exit_failed;
  }
  if (!summary()) return exit_failed;
  return finish_run(*client, *session);
}

}  // namespace

int run_wizard(const ApplyOptions& options) {
  Wizard wizard(options);
  return wizard.run();
}

}  // namespace nes::cli
