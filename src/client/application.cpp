// Application and OtpVerifier: step 10 (the form, validated locally, then
// submitted under an idempotency key) and step 11 (the SMS code).

#include "client/impl.hpp"
#include "crypto/random_token.hpp"
#include "op/ask_caller.hpp"

#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>
#include <nes/otp_verifier.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
using op::failed;
using op::local_problem;
using op::Outcome;
using op::refused;
using op::succeeded;

// A refusal of the form before anything is sent: its field problems, or
// the notices not acknowledged, or an institution of the other route (who
// pays: the person, or the institution with an access code).
std::optional<Problem> refuse_locally(const FormValidation& checked, const std::vector<Institution>& catalogue,
                                      const std::vector<std::string>& acknowledged, PaymentKind route) {
  if (!checked.valid()) return local_problem("invalid_form", "The form has problems", {}, checked.errors);
  const auto& form = *checked.normalized;
  const auto institution = std::find_if(catalogue.begin(), catalogue.end(),
                                        [&](const Institution& i) { return i.id == form.institution.id; });
  if (institution->payment != route && route == PaymentKind::person_paid) {
    return local_problem("institution_paid", "This institution pays for its staff's certificates",
                         "apply through the institution, with the access code it had e-mailed");
  }
  if (institution->payment != route) {
    return local_problem("not_institution_paid", "This institution does not pay for its staff's certificates",
                         "apply as a person, without an access code");
  }
  std::string missing;
  for (const auto& notice : institution->notices) {
    if (std::find(acknowledged.begin(), acknowledged.end(), notice.id) == acknowledged.end()) {
      missing += (missing.empty() ? "" : ", ") + notice.id;
    }
  }
  if (!missing.empty()) {
    return local_problem("notices_not_acknowledged", "Every notice of the institution must be acknowledged",
                         "not acknowledged: " + missing);
  }
  return std::nullopt;
}

// {"form", "acknowledged_notices"}, on the institution route "access_code",
// and a renewal's "renews".
SecretString submission_body(const ApplicationForm& form, const std::vector<std::string>& acknowledged,
                             const std::optional<SecretString>& access_code, const std::string& renews) {
  const SecretString encoded = encode_form_json(form);
  const std::string notices = boost::json::serialize(boost::json::value_from(acknowledged));
  std::string text;
  text.reserve(encoded.size() + notices.size() + 80);
  text += "{";
  if (access_code) {
    // The code is of an unambiguous alphabet, hyphen and spaces: nothing to escape.
    text += R"("access_code":")";
    text += access_code->reveal();
    text += R"(",)";
  }
  text += R"("form":)";
  text += encoded.reveal();
  text += R"(,"acknowledged_notices":)";
  text += notices;
  if (!renews.empty()) text += R"(,"renews":)" + boost::json::serialize(boost::json::value(renews));
  text += '}';
  SecretString body(text);
  secure_wipe(text.data(), text.size());
  return body;
}

}  // namespace

ApplicationImpl::ApplicationImpl(std::shared_ptr<SessionImpl> session, std::optional<ApplicationForm> form,
                                 std::string key, std::string id, std::optional<SecretString> access_code,
                                 std::string renews)
    : session_(std::move(session)),
      form_(std::move(form)),
      access_code_(std::move(access_code)),
      renews_(std::move(renews)),
      key_(std::move(key)),
      id_(std::move(id)) {
  if (key_.empty()) key_ = std::string(crypto::random_token(24).reveal());
}

std::string ApplicationImpl::id() const {
  const std::lock_guard lock(mutex_);
  return id_;
}

std::optional<ApplicationInfo> ApplicationImpl::info() const {
  const std::lock_guard lock(mutex_);
  return info_;
}

std::string ApplicationImpl::path(std::string_view tail) const {
  return session_->client().url("/api/v1/applications/" + id() + std::string(tail));
}

Outcome<ApplicationInfo> ApplicationImpl::application_from(Answer& answer) {
  auto info = read_answer<ApplicationInfo>(answer, client::decode_application);
  if (!info.ec) {
    const std::lock_guard lock(mutex_);
    id_ = info.result->id;
    info_ = info.result.value();
  }
  return info;
}

std::optional<Problem> ApplicationImpl::not_submitted() const {
  if (!id().empty()) return std::nullopt;
  return local_problem("not_submitted", "The application has no id yet");
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::submit(std::vector<std::string> acknowledged) {
  if (!form_) {
    co_return refused<ApplicationInfo>(errc::invalid_argument,
                                       local_problem("no_form", "An attached application has no form to submit"));
  }
  auto catalogue = co_await session_->catalogue();
  if (catalogue.ec) co_return op::relay<ApplicationInfo>(catalogue);
  const std::vector<Institution>& institutions = *catalogue.result.value();
  const auto checked = validate_form(*form_, std::span<const Institution>(institutions));
  const auto route = access_code_ ? PaymentKind::institution_paid : PaymentKind::person_paid;
  if (auto problem = refuse_locally(checked, institutions, acknowledged, route)) {
    session_->client().log().write(LogLevel::info, "submission refused locally: " + problem->code);
    co_return refused<ApplicationInfo>(errc::validation_failed, std::move(*problem));
  }
  // The same key and the same bytes on every try: a retried submission
  // (here, by the transport, or by a later run with the journal's key)
  // returns the one application.
  Exchange exchange{
      .method = "POST",
      .url = session_->client().url(access_code_ ? "/api/v1/institution-applications" : "/api/v1/applications"),
      .body = submission_body(*checked.normalized, acknowledged, access_code_, renews_),
      .content_type = "application/json",
      .headers = {{"Idempotency-Key", key_}},
      .idempotent = true};
  auto answer = co_await session_->call(std::move(exchange));
  co_return application_from(answer);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::refresh() {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.url = path(""), .idempotent = true};
  auto answer = co_await session_->call(std::move(exchange));
  co_return application_from(answer);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::cancel() {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.method = "POST", .url = path("/cancel")};
  auto answer = co_await session_->call(std::move(exchange));
  co_return application_from(answer);
}

asio::awaitable<Outcome<ApplicationInfo>> ApplicationImpl::verify(SecretString code) {
  if (auto problem = not_submitted()) co_return refused<ApplicationInfo>(errc::invalid_argument, std::move(*problem));
  auto portal = co_await session_->client().info();
  if (portal.ec) co_return op::relay<ApplicationInfo>(portal);
  const auto digits = code.reveal();
  if (digits.size() != static_cast<std::size_t>(portal.result->otp_length) ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    co_return refused<ApplicationInfo>(
        errc::validation_failed,
        local_problem("invalid_code", "The code must be the SMS's digits",
                      "send the " + std::to_string(portal.result->otp_length) + "-digit code from the SMS"));
  }
  Exchange exchange{.method = "POST",
                    .url = path("/otp/verify"),
                    .body = client::encode_secret_object({{"code", digits}}),
                    .content_type = "application/json"};
  code.clear();
  auto answer = co_await session_->call(std::move(exchange));
  // A lost answer, or a code already taken: the code is never sent again;
  // the portal is asked where the application stands instead.
  const bool unknown = answer.ec && answer.ec != asio::error::operation_aborted && answer.ec != errc::invalid_argument;
  const bool already = answer.problem && answer.problem->is("invalid_transition") &&
                       answer.problem->application_status == ApplicationStatus::awaiting_approval;
  if (unknown || already) {
    auto now = co_await refresh();
    if (!now.ec && now.result->status != ApplicationStatus::otp_pending) co_return now;
  }
  co_return application_from(answer);
}

asio::awaitable<Outcome<OtpStatus>> ApplicationImpl::resend() {
  if (auto problem = not_submitted()) co_return refused<OtpStatus>(errc::invalid_argument, std::move(*problem));
  Exchange exchange{.method = "POST", .url = path("/otp/resend")};
  auto answer = co_await session_->call(std::move(exchange));
  auto status = read_answer<OtpStatus>(answer, client::decode_otp);
  if (!status.ec) {
    const std::lock_guard lock(mutex_);
    if (info_) info_->otp = status.result.value();
  }
  co_return status;
}

}  // namespace detail

Application::Application(Session session, ApplicationForm form, std::string idempotency_key)
    : Application(std::make_shared<detail::ApplicationImpl>(session.impl(), std::move(form), std::move(idempotency_key),
                                                            std::string())) {}

Application::Application(Impl impl) : impl_(std::move(impl)), session_(impl_->session_ptr()) {}

Application Application::for_institution(Session session, ApplicationForm form, SecretString access_code,
                                         std::string idempotency_key) {
  return Application(std::make_shared<detail::ApplicationImpl>(
      session.impl(), std::move(form), std::move(idempotency_key), std::string(), std::move(access_code)));
}

Application Application::renewal(Session session, ApplicationForm form, std::string renews,
                                 std::string idempotency_key) {
  return Application(std::make_shared<detail::ApplicationImpl>(
      session.impl(), std::move(form), std::move(idempotency_key), std::string(), std::nullopt, std::move(renews)));
}

Application Application::attach(Session session, std::string id) {
  return Application(
      std::make_shared<detail::ApplicationImpl>(session.impl(), std::nullopt, std::string(), std::move(id)));
}

Application::executor_type Application::get_executor() const { return session_.get_executor(); }
const std::string& Application::idempotency_key() const noexcept { return impl_->key(); }
std::string Application::id() const { return impl_->id(); }
std::optional<ApplicationInfo> Application::info() const { return impl_->info(); }
const Session& Application::session() const noexcept { return session_; }

void Application::submit_impl(Impl impl, AcknowledgedNotices acknowledged, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::submit, std::move(handler),
                    acknowledged.ids());
}

void Application::refresh_impl(Impl impl, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::refresh, std::move(handler));
}

void Application::cancel_impl(Impl impl, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::cancel, std::move(handler));
}

OtpVerifier::OtpVerifier(Application application) : impl_(application.impl()) {}

OtpVerifier::executor_type OtpVerifier::get_executor() const { return impl_->session().client().executor(); }

std::optional<OtpStatus> OtpVerifier::status() const {
  auto info = impl_->info();
  if (!info) return std::nullopt;
  return info->otp;
}

void OtpVerifier::verify_impl(Impl impl, SecretString code, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::verify, std::move(handler), std::move(code));
}

void OtpVerifier::verify_from_impl(Impl impl, OtpCodeSource source, ResultHandler<ApplicationInfo> handler) {
  auto executor = impl->session().client().executor();
  auto operation = [](Impl self, OtpCodeSource ask) -> boost::asio::awaitable<op::Outcome<ApplicationInfo>> {
    const auto info = self->info();
    const OtpStatus status = info && info->otp ? *info->otp : OtpStatus{};
    // Named first: GCC 12 corrupts a closure made inside a co_await (ADR 0002).
    auto ask_for_code = [&status, ask = std::move(ask)](op::Give<SecretString> give) { ask(status, std::move(give)); };
    auto [ec, code] = co_await op::ask_caller<SecretString>(std::move(ask_for_code));
    if (ec) co_return op::failed<ApplicationInfo>(ec);
    co_return co_await self->verify(std::move(code));
  }(std::move(impl), std::move(source));
  op::launch(executor, std::move(operation), std::move(handler));
}

void OtpVerifier::resend_impl(Impl impl, ResultHandler<OtpStatus> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::ApplicationImpl::resend, std::move(handler));
}

}  // namespace nes
