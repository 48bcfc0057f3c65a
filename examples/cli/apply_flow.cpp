#include "apply_flow.hpp"

#include "problem_text.hpp"
#include "secret_input.hpp"

#include <nes/application.hpp>
#include <nes/approver.hpp>
#include <nes/client.hpp>
#include <nes/form_json.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/pkcs11_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

namespace nes::cli {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// For the crash-safety test: NES_CRASH_AT names a step boundary at which the
// program kills itself, as a power cut or kill -9 would.
void crash_point(std::string_view name) {
  const char* at = std::getenv("NES_CRASH_AT");
  if (at != nullptr && name == at) std::raise(SIGKILL);
}

class Run {
 public:
  Run(Journal& journal, JournalEntry entry, const ApplyOptions& options)
      : journal_(journal), options_(options), out_(options.json ? std::cerr : std::cout) {
    result_.entry = std::move(entry);
  }

  asio::awaitable<void> go();
  ApplyResult result() { return std::move(result_); }

 private:
  void say(const std::string& text) { out_ << "  " << text << std::endl; }
  bool fail(const std::string& text) {
    result_.error = text;
    result_.entry.note = text;
    error_code ignored;
    journal_.record(result_.entry, ignored);
    return false;
  }
  bool record(JournalStep step, const std::string& status = {}) {
    result_.entry.step = step;
    if (!status.empty()) result_.entry.portal_status = status;
    error_code ec;
    if (!journal_.record(result_.entry, ec)) return fail("the journal: " + ec.message());
    return true;
  }
  asio::awaitable<bool> submit_or_attach(const Session& session, const ApplicationForm& form,
                                         std::optional<Application>& app);
  asio::awaitable<bool> verify(Application& application, ApplicationInfo& info);
  asio::awaitable<bool> approve(Application& application, ApplicationInfo& info);

  Journal& journal_;
  const ApplyOptions& options_;
  std::ostream& out_;
  ApplyResult result_;
  std::optional<Client> client_;
};

asio::awaitable<bool> Run::submit_or_attach(const Session& session, const ApplicationForm& form,
                                            std::optional<Application>& app) {
  auto& entry = result_.entry;
  if (!entry.application_id.empty()) {
    app = Application::attach(session, entry.application_id);
    auto [ec, info] = co_await app->async_refresh(use_tuple);
    if (ec) co_return fail("reading " + entry.application_id + ": " + problem_text(ec, info));
    say("continuing " + entry.application_id + " (" + std::string(to_string(info->status)) + ")");
    co_return true;
  }
  std::vector<std::string> acknowledged;
  auto [cec, catalogue] = co_await session.async_institutions(use_tuple);
  if (cec) co_return fail("the catalogue: " + problem_text(cec, catalogue));
  for (const auto& institution : *catalogue) {
    if (institution.id != form.institution.id) continue;
    say(" 9 Kurum Seçimi: " + institution.name);
    for (const auto& notice : institution.notices) {
      say("   notice acknowledged by --form: " + notice.text_tr);
      acknowledged.push_back(notice.id);
    }
  }
  // The submission may reach the portal from here on: recorded first, so a
  // run killed meanwhile submits again under the same key.
  if (!record(JournalStep::submitting)) co_return false;
  crash_point("submitting");
  app.emplace(session, form, entry.idempotency_key);
  auto [sec, submitted] = co_await app->async_submit(acknowledged, use_tuple);
  crash_point("submit-answered");
  if (sec) {
    // Submitted before without a journal (another program): continue that one.
    const auto* problem = submitted.problem();
    if (problem != nullptr && problem->is("duplicate_application") && !problem->application_id.empty()) {
      say("the portal already holds " + problem->application_id + " for this institution: continuing it");
      entry.application_id = problem->application_id;
      if (!record(JournalStep::submitted)) co_return false;
      app = Application::attach(session, entry.application_id);
      auto [ec, info] = co_await app->async_refresh(use_tuple);
      if (ec) co_return fail("reading " + entry.application_id + ": " + problem_text(ec, info));
      co_return true;
    }
    record(JournalStep::started);  // nothing was created: a later run starts over
    co_return fail("the form was refused: " + problem_text(sec, submitted));
  }
  entry.application_id = submitted->id;
  if (!record(JournalStep::submitted, std::string(to_string(submitted->status)))) co_return false;
  crash_point("submitted");
  say("10 Form → Devam: submitted as " + submitted->id + "; fee " + submitted->fee.total.format_tr() + " (KDV dahil)");
  co_return true;
}

asio::awaitable<bool> Run::verify(Application& application, ApplicationInfo& info) {
  OtpVerifier otp(application);
  const auto status = otp.status();
  say("11 Cep Telefonu Doğrulama: code sent to " + (status ? status->phone_masked : std::string("?")) + ", " +
      std::to_string(status ? status->seconds_left().count() : 0) + " s left");
  OtpCodeSource source = [this, id = application.id()](const OtpStatus& s,
                                                       std::function<void(error_code, SecretString)> give) {
    if (options_.otp_command.empty()) {
      std::thread([give = std::move(give), phone = s.phone_masked] {
        auto code = read_terminal_line("SMS kodu / SMS code (" + phone + "): ");
        if (code) {
          give({}, SecretString(*code));
        } else {
          give(asio::error::operation_aborted, {});
        }
      }).detach();
      return;
    }
    std::thread([give = std::move(give), command = options_.otp_command, id, phone = s.phone_masked] {
      std::string error;
      auto code = run_for_line(command, {"NES_APPLICATION_ID=" + id, "NES_PHONE_MASKED=" + phone}, error);
      if (code) {
        give({}, std::move(*code));
      } else {
        std::cerr << "nes: --otp-command: " << error << "\n";
        give(asio::error::operation_aborted, {});
      }
    }).detach();
  };
  if (options_.otp_source) source = options_.otp_source;
  for (;;) {
    auto [vec, verified] = co_await otp.async_verify_from(source, use_tuple);
    crash_point("verify-answered");
    if (!vec) {
      info = *verified;
      break;
    }
    // The person at the terminal decides each next step: a new code, or another try.
    if (!options_.otp_source) co_return fail("the SMS code: " + problem_text(vec, verified));
    if (vec == asio::error::try_again) {
      auto [rec, resent] = co_await otp.async_resend(use_tuple);
      say(rec ? "Tekrar Gönder: " + problem_text(rec, resent) : "Tekrar Gönder: a new code is on its way");
      continue;
    }
    const auto* problem = verified.problem();
    if (problem == nullptr || !problem->is("otp_invalid"))
      co_return fail("the SMS code: " + problem_text(vec, verified));
    say("the code is wrong; tries left: " + std::to_string(problem->tries_left.value_or(0)));
  }
  if (!record(JournalStep::verified, std::string(to_string(info.status)))) co_return false;
  crash_point("verified");
  say("11 code verified: " + std::string(to_string(info.status)));
  co_return true;
}

asio::awaitable<bool> Run::approve(Application& application, ApplicationInfo& info) {
  if (options_.choose_approval) {
    result_.entry.approval = options_.choose_approval(info);
    if (result_.entry.approval.empty()) co_return fail("stopped before the approval; nes resume continues it");
  } else if (result_.entry.approval != "wet" && result_.entry.approval != "pkcs11") {
    // Left by the wizard before the route was chosen.
    if (options_.approve != "wet" && options_.approve != "pkcs11") {
      co_return fail("the approval route is not chosen yet: give --approve pkcs11|wet");
    }
    result_.entry.approval = options_.approve;
  }
  if (!record(JournalStep::approving)) co_return false;
  crash_point("approving");
  Approver approver(application);
  auto& entry = result_.entry;
  if (entry.approval == "wet") {
    WetSignatureOptions wet;
    wet.pdf = options_.pdf.empty() ? std::filesystem::path(entry.application_id + "-basvuru-formu.pdf") : options_.pdf;
    if (!options_.font.empty()) wet.font = options_.font;
    auto [ec, approval] = co_await approver.async_approve_wet(std::move(wet), use_tuple);
    crash_point("approve-answered");
    if (ec) co_return fail("the wet signature: " + problem_text(ec, approval));
    info = approval->application;
    result_.pdf = approval->pdf.string();
    result_.postal_address = approval->postal_address;
    entry.note = result_.pdf;
    say("12 Başvuru Onay (ıslak imza): the form is " + result_.pdf + "; sign it and post it to " +
        result_.postal_address);
  } else {
    Pkcs11Options pkcs11;
    pkcs11.module = options_.module;
    pkcs11.token_label = options_.token_label;
    pkcs11.token_serial = options_.token_serial;
    pkcs11.certificate_id = options_.certificate_id;
    pkcs11.pin = [file = options_.pin_file](const PinRequest& request,
                                            std::function<void(error_code, SecretString)> give) {
      std::thread([file, request, give = std::move(give)] {
        std::string error;
        const std::string warning = request.token.pin.final_try ? " (SON DENEME / final try)" : "";
        auto pin = read_secret(file, "NES_PIN", "PIN (" + request.token.label + ")" + warning + ": ", error);
        if (pin) {
          give({}, std::move(*pin));
        } else {
          std::cerr << "nes: the PIN: " << error << "\n";
          give(asio::error::operation_aborted, {});
        }
      }).detach();
    };
    error_code ec;
    std::string detail;
    auto signer = Pkcs11Signer::create(application.get_executor(), std::move(pkcs11), ec, &detail);
    if (!signer) co_return fail("the token: " + ec.message() + ": " + detail);
    auto [aec, approval] = co_await approver.async_approve(signer, use_tuple);
    crash_point("approve-answered");
    if (aec) co_return fail("the e-imza: " + problem_text(aec, approval));
    info = approval->application;
    // The approval stands either way; a file that cannot be written is said.
    auto save = [this](const std::string& path, const std::string& bytes) {
      if (path.empty()) return;
      std::ofstream out(path, std::ios::binary);
      if (!(out << bytes)) say("WARNING: cannot write " + path);
    };
    save(options_.save_document, approval->document);
    save(options_.save_signature, approval->signature->cms_der);
    say("12 Başvuru Onay (e-imza): signed by " + approval->signature->signer.common_name + "; " +
        std::string(to_string(info.status)));
  }
  result_.fee_total = info.fee.total.format_tr();
  co_return true;
}

asio::awaitable<void> Run::go() {
  auto& entry = result_.entry;
  const auto decoded = decode_form_json(entry.form_json.reveal());
  if (!decoded.form) {
    fail("the journal's form cannot be read");
    co_return;
  }
  const ApplicationForm& form = *decoded.form;

  error_code ec;
  std::string detail;
  client_ = Client::create(co_await asio::this_coro::executor, client_options_for(entry.portal, options_.ca_file), ec,
                           &detail);
  if (!client_) {
    fail("the portal " + entry.portal + ": " + detail);
    co_return;
  }
  std::string error;
  auto password = options_.password
                      ? std::optional<SecretString>(*options_.password)
                      : read_secret(options_.password_file, "NES_PASSWORD", "e-Devlet şifresi / password: ", error);
  if (!password) {
    fail("the e-Devlet password: " + error);
    co_return;
  }
  Credentials credentials{form.identity.tckn, std::move(*password)};
  auto [lec, session] = co_await client_->async_login(std::move(credentials), use_tuple);
  if (lec) {
    fail("the e-Devlet login: " + problem_text(lec, session));
    co_return;
  }
  say(" 4 logged in as " + session->info().first_name + " " + session->info().last_name);

  std::optional<Application> application;
  if (!co_await submit_or_attach(*session, form, application)) co_return;
  auto info = application->info().value_or(ApplicationInfo{});
  if (info.status == ApplicationStatus::otp_pending && !co_await verify(*application, info)) co_return;
  const bool wet_again = info.status == ApplicationStatus::awaiting_wet_form && entry.approval == "wet";
  if ((info.status == ApplicationStatus::awaiting_approval || wet_again) && !co_await approve(*application, info)) {
    co_return;
  }
  if (info.status == ApplicationStatus::otp_pending || info.status == ApplicationStatus::awaiting_approval) {
    fail("the application is still " + std::string(to_string(info.status)));
    co_return;
  }
  result_.fee_total = info.fee.total.format_tr();
  if (!record(JournalStep::finished, std::string(to_string(info.status)))) co_return;
  result_.finished = true;
}

}  // namespace

std::unique_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command) {
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

ApplyResult continue_application(Journal& journal, JournalEntry entry, const ApplyOptions& options) {
  asio::io_context io;
  Run run(journal, std::move(entry), options);
  asio::co_spawn(io, run.go(), asio::detached);
  io.run();
  return run.result();
}

}  // namespace nes::cli
