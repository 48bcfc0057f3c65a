// ApplicationRun: the crash-safe algorithm over the public Client, Session,
// Application, OtpVerifier, Approver and Journal. Each state change on the
// portal is bracketed by journal records: the step is written before the
// request may reach the portal, and the answer is written before anything
// else is done with it (docs/adr/0008-journal-and-the-nes-program.md, 0010).

#include "run/journal_route.hpp"
#include "run/run_state.hpp"

#include <nes/application_run.hpp>
#include <nes/esign_login.hpp>
#include <nes/form_json.hpp>
#include <nes/timestamping_signer.hpp>
#include <nes/validation_data_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr std::array<std::string_view, 17> stage_names{
    "logged-in",  "continuing",      "institution",      "notice-acknowledged",
    "submitting", "submit-answered", "submitted",        "already-submitted",
    "otp-sent",   "otp-refused",     "otp-resent",       "verify-answered",
    "verified",   "approving",       "approve-answered", "approved",
    "finished"};

std::string status_text(const ApplicationInfo& info) { return std::string(to_string(info.status)); }

// The portal's refusals of a renewal itself, made before any application exists.
bool is_renewal_refusal(const Problem& problem) {
  for (const char* code : {"renewal_not_due", "update_required", "renewed_certificate_not_found",
                           "certificate_suspended", "certificate_revoked", "certificate_expired"}) {
    if (problem.is(code)) return true;
  }
  return false;
}

}  // namespace

asio::awaitable<op::Outcome<Session>> ApplicationRunImpl::open_session() {
  if (options_.session) co_return op::succeeded(*options_.session);
  if (options_.login_with_signature) {
    auto signer = co_await base_signer(PinPurpose::login);
    if (signer.ec) co_return op::relay<Session>(signer);
    auto [lec, session] = co_await ESignLogin(client_, *signer.result).async_login(use_tuple);
    if (lec) co_return fail<Session>("the e-imza login", lec, session.problem());
    co_return op::succeeded(std::move(session).value());
  }
  auto [pec, password] = co_await ask_password(false);
  if (pec) co_return fail<Session>("the e-Devlet password", pec);
  // The password goes with the entry's own T.C. Kimlik No and no other.
  auto [lec, session] = co_await client_.async_login({tckn_, std::move(password)}, use_tuple);
  if (lec) co_return fail<Session>("the e-Devlet login", lec, session.problem());
  co_return op::succeeded(std::move(session).value());
}

asio::awaitable<std::pair<error_code, SecretString>> ApplicationRunImpl::ask_password(bool again) {
  if (!options_.password) co_return std::pair<error_code, SecretString>(errc::invalid_argument, SecretString{});
  auto ask = [this, request = password_request(again)](op::Give<SecretString> give) {
    options_.password(request, std::move(give));
  };
  co_return co_await op::ask_caller<SecretString>(std::move(ask));
}

void ApplicationRunImpl::log_in_again_when_expired(Session& session) {
  // A new login for the same person only: the source is asked for this
  // entry's password, and it is paired with this entry's T.C. Kimlik No.
  session.on_session_expired([weak = weak_from_this()](std::function<void(error_code, Credentials)> give) {
    const auto self = weak.lock();
    if (!self || !self->options_.password) {
      give(asio::error::operation_aborted, {});
      return;
    }
    self->options_.password(self->password_request(true),
                            [give = std::move(give), tckn = self->tckn_](error_code ec, SecretString password) {
                              give(ec, Credentials(tckn, std::move(password)));
                            });
  });
}

asio::awaitable<op::Outcome<Application>> ApplicationRunImpl::submit_or_attach(const Session& session) {
  const JournalEntry before = entry();
  if (!before.application_id.empty()) {
    auto application = Application::attach(session, before.application_id);
    auto [ec, info] = co_await application.async_refresh(use_tuple);
    if (ec) co_return fail<Application>("reading " + before.application_id, ec, info.problem());
    report(RunStage::continuing, {.application = &*info});
    co_return op::succeeded(std::move(application));
  }
  auto [cec, catalogue] = co_await session.async_institutions(use_tuple);
  if (cec) co_return fail<Application>("the catalogue", cec, catalogue.problem());
  const Institution* institution = nullptr;
  for (const auto& candidate : *catalogue) {
    if (candidate.id == form_.institution.id) institution = &candidate;
  }
  if (institution == nullptr) {
    co_return fail<Application>("the catalogue", errc::invalid_argument, nullptr,
                                "the portal offers no institution " + form_.institution.id);
  }
  report(RunStage::institution, {.institution = institution});
  std::vector<std::string> acknowledged;
  for (const auto& notice : institution->notices) {
    auto [nec, accepted] = co_await acknowledge(*institution, notice);
    if (nec || !accepted) {
      co_return fail<Application>("the notice " + notice.id, nec ? nec : errc::validation_failed, nullptr,
                                  "not acknowledged");
    }
    report(RunStage::notice_acknowledged, {.institution = institution, .notice = &notice});
    acknowledged.push_back(notice.id);
  }
  // An institution that pays: the access code its officer's request brought.
  std::optional<SecretString> access_code;
  if (institution->payment == PaymentKind::institution_paid && !before.renews.empty()) {
    co_return fail<Application>("the renewal", errc::invalid_argument, nullptr,
                                "a renewal is applied for on the person-paid route");
  }
  if (institution->payment == PaymentKind::institution_paid) {
    auto [aec, code] = co_await ask_access_code(*institution);
    if (aec) {
      co_return fail<Application>("the access code", aec, nullptr,
                                  "an institution-paid application needs the access code the portal e-mailed");
    }
    access_code = std::move(code);
  }
  // From here the submission may reach the portal: recorded first, so a run
  // killed meanwhile submits again under the same idempotency key.
  if (auto failed = record(JournalStep::submitting)) co_return op::failed<Application>(*failed);
  report(RunStage::submitting);
  Application application =
      access_code ? Application::for_institution(session, form_, std::move(*access_code), before.idempotency_key)
      : before.renews.empty() ? Application(session, form_, before.idempotency_key)
                              : Application::renewal(session, form_, before.renews, before.idempotency_key);
  auto [sec, submitted] = co_await application.async_submit(std::move(acknowledged), use_tuple);
  report(RunStage::submit_answered);
  if (sec) {
    const auto* problem = submitted.problem();
    if (problem != nullptr && problem->is("duplicate_application") && !problem->application_id.empty()) {
      // Submitted before without this journal entry: that one is continued.
      if (auto failed = record(JournalStep::submitted, {}, problem->application_id)) {
        co_return op::failed<Application>(*failed);
      }
      auto existing = Application::attach(session, problem->application_id);
      auto [ec, info] = co_await existing.async_refresh(use_tuple);
      if (ec) co_return fail<Application>("reading " + problem->application_id, ec, info.problem());
      report(RunStage::already_submitted, {.application = &*info});
      co_return op::succeeded(std::move(existing));
    }
    // A renewal the portal refuses as such (not due yet, its certificate's
    // state, contents changed, not the person's) made no application: the
    // entry ends, so that the person's next application is not taken for it.
    if (problem != nullptr && !before.renews.empty() && is_renewal_refusal(*problem)) {
      record(JournalStep::finished);
      co_return fail<Application>("the renewal", sec, problem);
    }
    // The same key is kept: a later run that submits again cannot make a
    // second application even if this one reached the portal.
    record(JournalStep::started);
    co_return fail<Application>("the form", sec, problem);
  }
  if (auto failed = record(JournalStep::submitted, status_text(*submitted), submitted->id)) {
    co_return op::failed<Application>(*failed);
  }
  report(RunStage::submitted, {.application = &*submitted});
  co_return op::succeeded(std::move(application));
}

asio::awaitable<op::Outcome<ApplicationInfo>> ApplicationRunImpl::verify(const Application& application) {
  if (!options_.otp_code) co_return fail<ApplicationInfo>("the SMS code", errc::invalid_argument, nullptr, "no source");
  OtpVerifier otp(application);
  const auto status = otp.status();
  report(RunStage::otp_sent, {.otp = status ? &*status : nullptr});
  std::optional<Problem> last_refusal;
  for (;;) {
    auto [vec, verified] = co_await otp.async_verify_from(options_.otp_code, use_tuple);
    report(RunStage::verify_answered);
    if (!vec) {
      if (auto failed = record(JournalStep::verified, status_text(*verified))) {
        co_return op::failed<ApplicationInfo>(*failed);
      }
      report(RunStage::verified, {.application = &*verified});
      co_return op::succeeded(std::move(verified).value());
    }
    // Every new code and every new try is the source's decision.
    if (vec == asio::error::try_again) {
      auto [rec, resent] = co_await otp.async_resend(use_tuple);
      if (rec) {
        report(RunStage::otp_refused, {.problem = resent.problem()});
      } else {
        report(RunStage::otp_resent, {.otp = &*resent});
      }
      continue;
    }
    const auto* problem = verified.problem();
    if (problem != nullptr && problem->is("otp_invalid")) {
      last_refusal = *problem;
      report(RunStage::otp_refused, {.problem = problem});
      continue;
    }
    // The source gave up after a wrong code: the refusal is the reason.
    if (vec == asio::error::operation_aborted && last_refusal) {
      co_return fail<ApplicationInfo>("the SMS code", errc::portal_refused, &*last_refusal);
    }
    co_return fail<ApplicationInfo>("the SMS code", vec, problem);
  }
}

asio::awaitable<op::Outcome<Approval>> ApplicationRunImpl::approve(const Application& application,
                                                                   const ApplicationInfo& info) {
  auto route = route_from_journal(entry().approval);
  if (route == ApprovalRoute::none) {
    auto [rec, chosen] = co_await choose_route(info);
    if (rec) co_return fail<Approval>("the approval route", rec);
    if (chosen == ApprovalRoute::none) {
      co_return fail<Approval>("the approval", asio::error::operation_aborted, nullptr, "stopped before it");
    }
    route = chosen;
    update([&](JournalEntry& e) { e.approval = std::string(journal_route(route)); });
  }
  if (auto failed = record(JournalStep::approving)) co_return op::failed<Approval>(*failed);
  report(RunStage::approving);
  if (route == ApprovalRoute::e_onay) {
    auto [ec, approved] = co_await application.async_approve_by_e_onay(use_tuple);
    report(RunStage::approve_answered);
    if (ec) co_return fail<Approval>("the E-Onay", ec, approved.problem());
    Approval approval;
    approval.application = std::move(approved).value();
    co_return op::succeeded(std::move(approval));
  }
  Approver approver(application);
  if (route == ApprovalRoute::wet_signature) {
    WetSignatureOptions wet;
    wet.pdf = options_.wet_pdf.empty() ? options_.wet_directory / (application.id() + "-basvuru-formu.pdf")
                                       : options_.wet_pdf;
    wet.font = options_.font;
    auto [ec, approval] = co_await approver.async_approve_wet(std::move(wet), use_tuple);
    report(RunStage::approve_answered);
    if (ec) co_return fail<Approval>("the wet signature", ec, approval.problem());
    // Named first: clang 14 cannot capture a structured binding.
    std::string pdf = approval->pdf.string();
    update([&pdf](JournalEntry& e) { e.note = std::move(pdf); });
    co_return op::succeeded(std::move(approval).value());
  }
  auto base = co_await base_signer(PinPurpose::approval);
  if (base.ec) co_return op::relay<Approval>(base);
  std::shared_ptr<Signer> signer = *base.result;
  if (options_.timestamps) signer = std::make_shared<TimestampingSigner>(std::move(signer), *options_.timestamps);
  if (options_.validation_transport) {
    signer = std::make_shared<ValidationDataSigner>(std::move(signer), options_.validation_transport,
                                                    options_.validation_sources);
  }
  auto [aec, approval] = co_await approver.async_approve(signer, use_tuple);
  report(RunStage::approve_answered);
  if (aec) co_return fail<Approval>("the e-imza", aec, approval.problem());
  co_return op::succeeded(std::move(approval).value());
}

asio::awaitable<op::Outcome<std::shared_ptr<Signer>>> ApplicationRunImpl::base_signer(PinPurpose purpose) {
  if (options_.signer) co_return op::succeeded(options_.signer);
  error_code ec;
  std::string detail;
  const auto executor = co_await asio::this_coro::executor;
  Pkcs11Options token_options = options_.pkcs11;
  token_options.purpose = purpose;
  std::shared_ptr<Signer> token = Pkcs11Signer::create(executor, token_options, ec, &detail);
  if (!token) co_return fail<std::shared_ptr<Signer>>("the token", ec, nullptr, detail);
  co_return op::succeeded(std::move(token));
}

asio::awaitable<op::Outcome<RunOutcome>> ApplicationRunImpl::run() {
  auto opened = co_await open_session();
  if (opened.ec) co_return op::relay<RunOutcome>(opened);
  Session session = std::move(opened.result).value();
  // A card's session ends with it: a password is not asked behind its back.
  if (!options_.login_with_signature) log_in_again_when_expired(session);
  const SessionInfo person = session.info();
  report(RunStage::logged_in, {.session = &person});

  auto attached = co_await submit_or_attach(session);
  if (attached.ec) co_return op::relay<RunOutcome>(attached);
  const Application application = std::move(attached.result).value();
  RunOutcome outcome;
  outcome.application = application.info().value_or(ApplicationInfo{});

  if (outcome.application.status == ApplicationStatus::otp_pending) {
    auto verified = co_await verify(application);
    if (verified.ec) co_return op::relay<RunOutcome>(verified);
    outcome.application = std::move(verified.result).value();
  }
  // An application already waiting for its wet form gets its PDF again.
  const bool wet_again = outcome.application.status == ApplicationStatus::awaiting_wet_form &&
                         route_from_journal(entry().approval) == ApprovalRoute::wet_signature;
  if (outcome.application.status == ApplicationStatus::awaiting_approval || wet_again) {
    auto approved = co_await approve(application, outcome.application);
    if (approved.ec) co_return op::relay<RunOutcome>(approved);
    outcome.approval = std::move(approved.result).value();
    outcome.application = outcome.approval->application;
    report(RunStage::approved, {.approval = &*outcome.approval});
  }
  if (outcome.application.status == ApplicationStatus::otp_pending ||
      outcome.application.status == ApplicationStatus::awaiting_approval) {
    co_return fail<RunOutcome>("the application", errc::invalid_argument, nullptr,
                               "still " + status_text(outcome.application));
  }
  if (auto failed = record(JournalStep::finished, status_text(outcome.application))) {
    co_return op::failed<RunOutcome>(*failed);
  }
  report(RunStage::finished, {.application = &outcome.application});
  outcome.entry = entry();
  co_return op::succeeded(std::move(outcome));
}

}  // namespace detail

std::string_view to_string(RunStage stage) noexcept { return detail::stage_names.at(static_cast<std::size_t>(stage)); }

std::optional<ApplicationRun> ApplicationRun::begin(Client client, std::shared_ptr<Journal> journal,
                                                    const ApplicationForm& form, ApprovalRoute route,
                                                    ApplicationRunOptions options, error_code& ec,
                                                    std::string* detail) {
  if (!detail::usable(journal, options, ec, detail)) return std::nullopt;
  JournalEntry proposed;
  proposed.portal = client.portal_url();
  proposed.tckn = std::string(form.identity.tckn.reveal());
  proposed.institution_id = form.institution.id;
  proposed.approval = std::string(detail::journal_route(route));
  proposed.form_json = encode_form_json(form);
  proposed.renews = options.renews;
  bool existed = false;
  auto entry = journal->begin(std::move(proposed), ec, &existed);
  if (!entry) {
    if (detail != nullptr) *detail = "the journal: " + ec.message();
    return std::nullopt;
  }
  auto run = resume(std::move(client), std::move(journal), std::move(*entry), std::move(options), ec, detail);
  if (run) run->impl_->set_continued(existed);
  return run;
}

std::optional<ApplicationRun> ApplicationRun::resume(Client client, std::shared_ptr<Journal> journal,
                                                     JournalEntry entry, ApplicationRunOptions options, error_code& ec,
                                                     std::string* detail) {
  if (!detail::usable(journal, options, ec, detail)) return std::nullopt;
  auto impl = detail::ApplicationRunImpl::make(std::move(client), std::move(journal), std::move(entry),
                                               std::move(options), ec, detail);
  if (!impl) return std::nullopt;
  return ApplicationRun(std::move(impl));
}

ApplicationRun::executor_type ApplicationRun::get_executor() const { return impl_->executor(); }

JournalEntry ApplicationRun::entry() const { return impl_->entry(); }

bool ApplicationRun::continued() const noexcept { return impl_->continued(); }

void ApplicationRun::run_impl(Impl impl, ResultHandler<RunOutcome> handler) {
  auto executor = impl->executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationRunImpl::run, std::move(handler));
}

}  // namespace nes
