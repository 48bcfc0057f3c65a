#include "apply_flow.hpp"

#include "problem_text.hpp"
#include "secret_input.hpp"

#include <nes/client.hpp>

#include <boost/asio/error.hpp>

#include <fstream>
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
            auto code = read_terminal_line("SMS kodu / SMS code (" + phone + "): ");
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
          if (!code) error = "--otp-command: " + error;
          return code;
        },
        std::move(give));
  };
}

void print_progress(const RunProgress& p, std::ostream& out) {
  auto say = [&out](const std::string& text) { out << "  " << text << std::endl; };
  switch (p.stage) {
    case RunStage::logged_in:
      say(" 4 logged in as " + p.session->first_name + " " + p.session->last_name);
      break;
    case RunStage::continuing:
      say("continuing " + p.application->id + " (" + std::string(to_string(p.application->status)) + ")");
      break;
    case RunStage::institution:
      say(" 9 Kurum Seçimi: " + p.institution->name);
      break;
    case RunStage::notice_acknowledged:
      say("   notice acknowledged: " + p.notice->text_tr);
      break;
    case RunStage::submitted:
      say("10 Form → Devam: submitted as " + p.application->id + "; fee " + p.application->fee.total.format_tr() +
          " (KDV dahil)");
      break;
    case RunStage::already_submitted:
      say("the portal already holds " + p.application->id + " for this institution: continuing it");
      break;
    case RunStage::otp_sent:
      say("11 Cep Telefonu Doğrulama: code sent to " + (p.otp ? p.otp->phone_masked : std::string("?")) + ", " +
          std::to_string(p.otp ? p.otp->seconds_left().count() : 0) + " s left");
      break;
    case RunStage::otp_refused:
      say("the code is refused [" + (p.problem ? p.problem->code : std::string("?")) +
          "]; tries left: " + std::to_string(p.problem && p.problem->tries_left ? *p.problem->tries_left : 0));
      break;
    case RunStage::otp_resent:
      say("Tekrar Gönder: a new code is on its way to " + p.otp->phone_masked);
      break;
    case RunStage::verified:
      say("11 code verified: " + std::string(to_string(p.application->status)));
      break;
    case RunStage::approved:
      if (p.approval->signature) {
        say("12 Başvuru Onay (e-imza): signed by " + p.approval->signature->signer.common_name + "; " +
            std::string(to_string(p.approval->application.status)));
      } else {
        say("12 Başvuru Onay (ıslak imza): the form is " + p.approval->pdf.string() + "; sign it and post it to " +
            p.approval->postal_address);
      }
      break;
    default:
      break;  // the boundaries between steps: nothing to tell a person
  }
}

void save(const std::string& path, const std::string& bytes, std::ostream& out) {
  if (path.empty()) return;
  std::ofstream file(path, std::ios::binary);
  // The approval stands either way; a file that cannot be written is said.
  if (!(file << bytes)) out << "  WARNING: cannot write " << path << std::endl;
}

}  // namespace

std::shared_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command) {
  error_code ec;
  std::string detail;
  auto journal = Journal::open(
      options.journal.empty() ? Journal::default_path() : std::filesystem::path(options.journal), ec, &detail);
  if (!journal) std::cerr << "nes " << command << ": " << ec.message() << ": " << detail << "\n";
  return journal;
}

ClientOptions client_options_for(const std::string& portal, const std::string& ca_file) {
  ClientOptions options;
  options.portal_url = portal;
  if (!ca_file.empty()) options.tls.extra_ca_file = ca_file;
  return options;
}

ApprovalRoute route_named(const std::string& approve) {
  if (approve == "pkcs11") return ApprovalRoute::e_signature;
  if (approve == "wet") return ApprovalRoute::wet_signature;
  return ApprovalRoute::none;
}

ApplicationRunOptions run_options(const ApplyOptions& options) {
  ApplicationRunOptions run;
  run.password = [file = options.password_file](const PasswordRequest& request,
                                                std::function<void(error_code, SecretString)> give) {
    read_aside(
        [file, who = request.tckn_masked](std::string& error) {
          auto password = read_secret(file, "NES_PASSWORD", "e-Devlet şifresi / password (" + who + "): ", error);
          if (!password) error = "the e-Devlet password: " + error;
          return password;
        },
        std::move(give));
  };
  auto application_id = std::make_shared<std::string>();
  run.otp_code = otp_source(options, application_id);
  run.acknowledge = [](const Institution&, const Notice&, std::function<void(error_code, bool)> give) {
    give({}, true);  // nes apply --form: the form's notices are taken as acknowledged
  };
  run.approval_route = [route = route_named(options.approve)](const ApplicationInfo&,
                                                              std::function<void(error_code, ApprovalRoute)> give) {
    if (route == ApprovalRoute::none) {
      std::cerr << "nes: the approval route is not chosen yet: give --approve pkcs11|wet\n";
      give(errc::invalid_argument, ApprovalRoute::none);
      return;
    }
    give({}, route);
  };
  run.pkcs11.module = options.module;
  run.pkcs11.token_label = options.token_label;
  run.pkcs11.token_serial = options.token_serial;
  run.pkcs11.certificate_id = options.certificate_id;
  run.pkcs11.pin = [file = options.pin_file](const PinRequest& request,
                                             std::function<void(error_code, SecretString)> give) {
    const std::string warning = request.token.pin.final_try ? " (SON DENEME / final try)" : "";
    read_aside(
        [file, prompt = "PIN (" + request.token.label + ")" + warning + ": "](std::string& error) {
          auto pin = read_secret(file, "NES_PIN", prompt, error);
          if (!pin) error = "the PIN: " + error;
          return pin;
        },
        std::move(give));
  };
  run.wet_pdf = options.pdf;
  if (!options.font.empty()) run.font = options.font;
  run.progress = [&out = options.json ? std::cerr : std::cout, application_id](const RunProgress& p) {
    *application_id = p.entry.application_id;
    print_progress(p, out);
  };
  return run;
}

ApplyResult finish(asio::io_context& io, const ApplicationRun& run, const ApplyOptions& options) {
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
  if (ec) {
    result.error = result.entry.note.empty() ? problem_text(ec, outcome) : result.entry.note;
    return result;
  }
  result.finished = true;
  result.fee_total = outcome->application.fee.total.format_tr();
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
ApplyResult run_with_client(const std::string& portal, const ApplyOptions& options, Start start) {
  asio::io_context io;
  error_code ec;
  std::string detail;
  ApplyResult failed;
  auto client = Client::create(io.get_executor(), client_options_for(portal, options.ca_file), ec, &detail);
  if (!client) {
    failed.error = "the portal " + portal + ": " + detail;
    return failed;
  }
  auto run = start(*client, ec, detail);
  if (!run) {
    failed.error = detail.empty() ? ec.message() : detail;
    return failed;
  }
  return finish(io, *run, options);
}

}  // namespace

ApplyResult apply_form(const std::shared_ptr<Journal>& journal, const ApplicationForm& form,
                       const ApplyOptions& options) {
  return run_with_client(options.portal, options, [&](Client& client, error_code& ec, std::string& detail) {
    auto run =
        ApplicationRun::begin(client, journal, form, route_named(options.approve), run_options(options), ec, &detail);
    if (run && run->continued()) {
      const auto entry = run->entry();
      (options.json ? std::cerr : std::cout)
          << "nes: continuing the journal's application " << entry.id << " ("
          << (entry.application_id.empty() ? "not yet numbered" : entry.application_id) << ", " << to_string(entry.step)
          << "), with the form as first recorded\n";
    }
    return run;
  });
}

ApplyResult continue_application(const std::shared_ptr<Journal>& journal, JournalEntry entry,
                                 const ApplyOptions& options) {
  const std::string portal = entry.portal;
  return run_with_client(portal, options, [&](Client& client, error_code& ec, std::string& detail) {
    return ApplicationRun::resume(client, journal, std::move(entry), run_options(options), ec, &detail);
  });
}

}  // namespace nes::cli
