#include "apply_flow.hpp"

#include "labels.hpp"
#include "language.hpp"
#include "log_option.hpp"
#include "private_file.hpp"
#include "problem_text.hpp"
#include "secret_input.hpp"
#include "timestamp_option.hpp"

#include <nes/client.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/error.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <iostream>
#include <thread>

namespace nes::cli {

namespace {

namespace asio = boost::asio;

// A secret read on a thread of its own (a terminal prompt, a file, a
// command), so that the run's executor goes on meanwhile.
template <class Read>
void read_aside(Read read, std::function<void(error_code, SecretString)> give) {
  std::thread([read = std::move(read), give = std::move(give)]() mutable {
    std::string error;
    auto secret = read(error);
    if (secret) {
      give({}, std::move(*secret));
    } else {
      if (!error.empty()) std::cerr << "nes: " << error << "\n";
      give(asio::error::operation_aborted, {});
    }
  }).detach();
}

// `application_id` is the run's, as its progress last reported it.
OtpCodeSource otp_source(const ApplyOptions& options, std::shared_ptr<const std::string> application_id) {
  if (options.otp_command.empty()) {
    return [](const OtpStatus& status, std::function<void(error_code, SecretString)> give) {
      read_aside(
          [phone = status.phone_masked](std::string&) -> std::optional<SecretString> {
            auto code = read_terminal_line(std::string(say("SMS kodu (", "SMS code (")) + phone + "): ");
            if (!code) return std::nullopt;
            return SecretString(*code);
          },
          std::move(give));
    };
  }
  // The command runs once: after a wrong code it would print the same one
  // again, and a code is never retried on the person's behalf.
  auto asked = std::make_shared<bool>(false);
  return [command = options.otp_command, asked, application_id](const OtpStatus& status,
                                                                std::function<void(error_code, SecretString)> give) {
    if (std::exchange(*asked, true)) {
      give(asio::error::operation_aborted, {});
      return;
    }
    read_aside(
        [command,
         environment = std::vector<std::string>{"NES_APPLICATION_ID=" + *application_id,
                                                "NES_PHONE_MASKED=" + status.phone_masked}](std::string& error) {
          auto code = run_for_line(command, environment, error);
          if (!code) error = std::string(say("--otp-command çalışmadı: ", "--otp-command failed: ")) + error;
          return code;
        },
        std::move(give));
  };
}

std::string status_name(ApplicationStatus status) { return std::string(say(status_label(status))); }

void print_progress(const RunProgress& p, std::ostream& out) {
  auto line = [&out](std::string_view tr, std::string_view en, const std::string& rest = {}) {
    out << "  " << say(tr, en) << rest << std::endl;
  };
  switch (p.stage) {
    case RunStage::logged_in:
      line(" 4 Giriş yapıldı: ", " 4 Logged in: ", p.session->first_name + " " + p.session->last_name);
      break;
    case RunStage::continuing:
      line("   Başvuru sürdürülüyor: ", "   Continuing the application: ",
           p.application->id + " (" + status_name(p.application->status) + ")");
      break;
    case RunStage::institution:
      line(" 9 Kurum Seçimi: ", " 9 Institution: ", p.institution->name);
      break;
    case RunStage::notice_acknowledged:
      line("   Duyuru onaylandı: ", "   Notice acknowledged: ",
           ui_language() == Language::tr ? p.notice->text_tr : p.notice->text_en);
      break;
    case RunStage::submitted:
      line("10 Form gönderildi: ", "10 Form submitted: ",
           p.application->id + "; " + std::string(say("ücret ", "fee ")) + p.application->fee.total.format_tr() +
               std::string(say(" (KDV dahil)", " (VAT included)")));
      break;
    case RunStage::already_submitted:
      line("   Portalda bu kurum için açık başvuru var, o sürdürülüyor: ",
           "   The portal holds an open application for this institution; continuing it: ", p.application->id);
      break;
    case RunStage::otp_sent:
      line("11 Cep Telefonu Doğrulama: kod gönderildi: ", "11 Mobile phone check: a code was sent to ",
           (p.otp ? p.otp->phone_masked : std::string("?")) + " (" +
               std::to_string(p.otp ? p.otp->seconds_left().count() : 0) + std::string(say(" sn kaldı)", " s left)")));
      break;
    case RunStage::otp_refused:
      out << "  " << describe(errc::portal_refused, p.problem, ui_language()) << std::endl;
      break;
    case RunStage::otp_resent:
      line("   Tekrar Gönder: yeni kod gönderildi: ", "   A new code was sent to ", p.otp->phone_masked);
      break;
    case RunStage::verified:
      line("11 Kod doğrulandı: ", "11 Code verified: ", status_name(p.application->status));
      break;
    case RunStage::approved:
      if (p.approval->application.approval == ApprovalRoute::e_onay) {
        line("12 Başvuru Onay (E-Onay): e-onaylı; ",
             "12 Approved by E-Onay: ", status_name(p.approval->application.status));
      } else if (p.approval->signature) {
        line("12 Başvuru Onay (e-imza): imzalayan ", "12 Approved by e-signature: signed by ",
             p.approval->signature->signer.common_name + "; " + status_name(p.approval->application.status));
      } else {
        line("12 Başvuru Onay (ıslak imza): form ", "12 Approval by wet signature: the form is ",
             p.approval->pdf.string() +
                 std::string(say("; imzalayıp şu adrese gönderin: ", "; sign it and post it to: ")) +
                 p.approval->postal_address);
      }
      break;
    default:
      break;  // the boundaries between steps: nothing to tell a person
  }
}

void save(const std::string& path, const std::string& bytes, std::ostream& out) {
  if (path.empty()) return;
  std::string error;
  // The approval stands either way; a file that cannot be written is said.
  if (!write_private_file(path, bytes, error)) out << "  " << say("UYARI: ", "WARNING: ") << error << std::endl;
}

bool is_env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

// With --esign-login the card is asked twice in one run: each prompt says for what.
std::string pin_purpose_text(PinPurpose purpose) {
  switch (purpose) {
    case PinPurpose::login:
      return std::string(say(", e-Devlet girişi için", ", for the e-Devlet login"));
    case PinPurpose::approval:
      return std::string(say(", başvurunun onayı için", ", to approve the application"));
    case PinPurpose::signature:
      break;
  }
  return {};
}

}  // namespace

std::filesystem::path journal_path(const ApplyOptions& options) {
  return options.journal.empty() ? Journal::default_path() : std::filesystem::path(options.journal);
}

std::shared_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command) {
  error_code ec;
  std::string detail;
  auto journal = Journal::open(journal_path(options), ec, &detail);
  if (!journal)
    std::cerr << "nes " << command << ": " << say(message_of(errc::journal_failed)) << " " << detail << "\n";
  return journal;
}

std::string password_file_for(const ApplyOptions& options, std::string_view tckn) {
  if (!options.password_dir.empty()) return (std::filesystem::path(options.password_dir) / tckn).string();
  return options.password_file;
}

std::optional<Sentence> password_misuse(const ApplyOptions& options, std::size_t people) {
  if (people <= 1 || !options.password_dir.empty()) return std::nullopt;
  if (options.password_file.empty() && !is_env_set("NES_PASSWORD")) return std::nullopt;
  const std::string count = std::to_string(people);
  return Sentence{
      "--password-file ve $NES_PASSWORD tek bir kişinin şifresini taşır; seçilen kayıtlar " + count +
          " kişinin. Her kişinin şifresi için --password-dir KLASÖR (T.C. Kimlik No adlı birer dosya) verin, --tckn "
          "ile bir kişi seçin ya da şifreleri terminalde tek tek girin.",
      "--password-file and $NES_PASSWORD hold one person's password; the entries chosen are " + count +
          " people's. Give --password-dir DIR (a file named by each T.C. Kimlik No), choose one person with --tckn, "
          "or type each password on the terminal."};
}

ClientOptions client_options_for(const std::string& portal, const std::string& ca_file) {
  ClientOptions options;
  options.portal_url = portal;
  if (!ca_file.empty()) options.tls.extra_ca_file = ca_file;
  apply_log_options(options);
  return options;
}

ApprovalRoute route_named(const std::string& approve) {
  if (approve == "pkcs11") return ApprovalRoute::e_signature;
  if (approve == "wet") return ApprovalRoute::wet_signature;
  if (approve == "e-onay") return ApprovalRoute::e_onay;
  return ApprovalRoute::none;
}

ApplicationRunOptions run_options(const ApplyOptions& options, const std::shared_ptr<SecretsGiven>& given) {
  ApplicationRunOptions run;
  run.renews = options.renews;
  run.login_with_signature = options.esign_login;
  given->logged_in = given->signed_in = false;
  const auto refused = std::make_shared<RefusedFiles>(journal_path(options));
  run.password = [options, given, refused](const PasswordRequest& request,
                                           std::function<void(error_code, SecretString)> give) {
    const std::string file = password_file_for(options, request.tckn.reveal());
    given->password_file = file;
    read_aside(
        [file, refused, who = request.tckn_masked](std::string& error) -> std::optional<SecretString> {
          if (!file.empty() && refused->refused(file)) {
            error =
                file + std::string(say(": bu şifre dosyası e-Devlet'çe reddedildi; değiştirilmeden yeniden "
                                       "gönderilmez (her hatalı deneme hesabın kilitlenmesine yaklaştırır).",
                                       ": this password file was refused by e-Devlet; it is not sent again "
                                       "until it is changed (every wrong try brings the account closer to a lock)."));
            return std::nullopt;
          }
          auto password = read_secret(
              file, "NES_PASSWORD", std::string(say("e-Devlet şifresi (", "e-Devlet password (")) + who + "): ", error);
          if (!password) error = std::string(say("e-Devlet şifresi: ", "the e-Devlet password: ")) + error;
          return password;
        },
        std::move(give));
  };
  auto application_id = std::make_shared<std::string>();
  run.otp_code = otp_source(options, application_id);
  run.acknowledge = [](const Institution&, const Notice&, std::function<void(error_code, bool)> give) {
    give({}, true);  // nes apply --form: the form's notices are taken as acknowledged
  };
  run.access_code = [file = options.access_code_file](const Institution& institution,
                                                      std::function<void(error_code, SecretString)> give) {
    read_aside(
        [file, name = institution.name](std::string& error) -> std::optional<SecretString> {
          auto code = read_secret(file, "NES_ACCESS_CODE",
                                  std::string(say("Erişim parolası (", "Access code (")) + name + "): ", error);
          if (!code) error = std::string(say("erişim parolası: ", "the access code: ")) + error;
          return code;
        },
        std::move(give));
  };
  run.approval_route = [route = route_named(options.approve)](const ApplicationInfo&,
                                                              std::function<void(error_code, ApprovalRoute)> give) {
    if (route == ApprovalRoute::none) {
      std::cerr << "nes: "
                << say("onay yolu henüz seçilmedi: --approve pkcs11|wet|e-onay verin",
                       "the approval route is not chosen yet: give --approve pkcs11|wet|e-onay")
                << "\n";
      give(errc::invalid_argument, ApprovalRoute::none);
      return;
    }
    give({}, route);
  };
  run.pkcs11.module = options.module;
  run.pkcs11.token_label = options.token_label;
  run.pkcs11.token_serial = options.token_serial;
  run.pkcs11.certificate_id = options.certificate_id;
  run.pkcs11.accept_unqualified_certificate = options.accept_test_certificate;
  run.pkcs11.pin = [file = options.pin_file, given, refused](const PinRequest& request,
                                                             std::function<void(error_code, SecretString)> give) {
    given->pin_file = file;
    given->pin_from_environment = file.empty() && is_env_set("NES_PIN");
    if (given->pin_from_environment && given->pin_refused) {
      std::cerr << "nes: "
                << say("$NES_PIN az önce reddedildi; yeniden denenmez.",
                       "$NES_PIN was just refused; it is not tried again.")
                << "\n";
      give(boost::asio::error::operation_aborted, {});
      return;
    }
    const std::string warning = request.token.pin.final_try ? std::string(say(" (SON DENEME)", " (FINAL TRY)")) : "";
    read_aside(
        [file, refused,
         prompt = "PIN (" + request.token.label + pin_purpose_text(request.purpose) + ")" + warning +
                  ": "](std::string& error) -> std::optional<SecretString> {
          if (!file.empty() && refused->refused(file)) {
            error = file + std::string(say(": bu PIN dosyası kartça reddedildi; değiştirilmeden yeniden kullanılmaz "
                                           "(her hatalı PIN kartın kilitlenmesine yaklaştırır).",
                                           ": this PIN file was refused by the card; it is not used again until it "
                                           "is changed (every wrong PIN brings the card closer to a lock)."));
            return std::nullopt;
          }
          auto pin = read_secret(file, "NES_PIN", prompt, error);
          if (!pin) error = "PIN: " + error;
          return pin;
        },
        std::move(give));
  };
  run.wet_pdf = options.pdf;
  if (!options.font.empty()) run.font = options.font;
  run.progress = [&out = options.json ? std::cerr : std::cout, application_id, given](const RunProgress& p) {
    *application_id = p.entry.application_id;
    if (p.stage == RunStage::logged_in) given->logged_in = true;
    if (p.stage == RunStage::approved && p.approval->signature) given->signed_in = true;
    print_progress(p, out);
  };
  return run;
}

namespace {

// A refused file is remembered; a file that got through is forgotten.
void learn_from(const ApplyResult& result, SecretsGiven& given, const ApplyOptions& options) {
  RefusedFiles refused(journal_path(options));
  const bool wrong_password = result.problem && result.problem->is("invalid_credentials");
  const bool wrong_pin = result.ec == errc::pin_incorrect || result.ec == errc::pin_locked;
  if (!given.password_file.empty()) {
    if (wrong_password) {
      refused.remember(given.password_file);
    } else if (given.logged_in) {
      refused.forget(given.password_file);
    }
  }
  if (wrong_pin && given.pin_from_environment) given.pin_refused = true;
  if (!given.pin_file.empty()) {
    if (wrong_pin) {
      refused.remember(given.pin_file);
    } else if (given.signed_in) {
      refused.forget(given.pin_file);
    }
  }
}

}  // namespace

ApplyResult finish(asio::io_context& io, const ApplicationRun& run, const ApplyOptions& options,
                   const std::shared_ptr<SecretsGiven>& given) {
  ApplyResult result;
  error_code ec;
  Result<RunOutcome> outcome;
  run.async_run([&](error_code e, Result<RunOutcome> r) {
    ec = e;
    outcome = std::move(r);
  });
  io.restart();
  io.run();
  result.entry = run.entry();
  result.ec = ec;
  if (const auto* problem = outcome.problem()) result.problem = *problem;
  learn_from(result, *given, options);
  if (ec) {
    result.error = problem_text_at(ec, outcome.problem(), result.entry.portal);
    return result;
  }
  result.finished = true;
  result.status_text = status_name(outcome->application.status);
  result.fee_total = outcome->application.fee.total.format_tr();
  result.fee_total_kurus = outcome->application.fee.total.kurus();
  if (const auto& approval = outcome->approval) {
    std::ostream& out = options.json ? std::cerr : std::cout;
    if (approval->signature) {
      save(options.save_document, approval->document, out);
      save(options.save_signature, approval->signature->cms_der, out);
    } else {
      result.pdf = approval->pdf.string();
      result.postal_address = approval->postal_address;
    }
  }
  return result;
}

namespace {

template <class Start>
ApplyResult run_with_client(const std::string& portal, const ApplyOptions& options,
                            const std::shared_ptr<SecretsGiven>& given, Start start) {
  asio::io_context io;
  error_code ec;
  std::string detail;
  ApplyResult failed;
  auto client = Client::create(io.get_executor(), client_options_for(portal, options.ca_file), ec, &detail);
  if (!client) {
    failed.ec = ec;
    failed.error = portal + ": " + describe(ec, nullptr, ui_language()) + " " + detail;
    return failed;
  }
  auto run = start(*client, ec, detail);
  if (!run) {
    failed.ec = ec;
    failed.error = describe(ec, nullptr, ui_language()) + (detail.empty() ? "" : " " + detail);
    return failed;
  }
  return finish(io, *run, options, given);
}

}  // namespace

ApplyResult apply_form(const std::shared_ptr<Journal>& journal, const ApplicationForm& form,
                       const ApplyOptions& options) {
  const auto given = std::make_shared<SecretsGiven>();
  return run_with_client(options.portal, options, given, [&](Client& client, error_code& ec, std::string& detail) {
    auto with = run_options(options, given);
    if (!attach_timestamps(options, client.get_executor(), with, detail)) {
      ec = errc::invalid_argument;
      return std::optional<ApplicationRun>{};
    }
    auto run = ApplicationRun::begin(client, journal, form, route_named(options.approve), std::move(with), ec, &detail);
    if (run && run->continued()) {
      const auto entry = run->entry();
      (options.json ? std::cerr : std::cout)
          << "nes: " << say("günlükteki başvuru sürdürülüyor: ", "continuing the journal's application: ") << entry.id
          << " ("
          << (entry.application_id.empty() ? std::string(say("henüz numarasız", "not yet numbered"))
                                           : entry.application_id)
          << ", " << say(step_label(entry.step))
          << say("); ilk kaydedilen form kullanılıyor\n", "), with the form as first recorded\n");
    }
    return run;
  });
}

ApplyResult continue_application(const std::shared_ptr<Journal>& journal, JournalEntry entry,
                                 const ApplyOptions& options, const std::shared_ptr<SecretsGiven>& given) {
  const std::string portal = entry.portal;
  return run_with_client(portal, options, given, [&](Client& client, error_code& ec, std::string& detail) {
    auto with = run_options(options, given);
    if (!attach_timestamps(options, client.get_executor(), with, detail)) {
      ec = errc::invalid_argument;
      return std::optional<ApplicationRun>{};
    }
    return ApplicationRun::resume(client, journal, std::move(entry), std::move(with), ec, &detail);
  });
}

}  // namespace nes::cli
