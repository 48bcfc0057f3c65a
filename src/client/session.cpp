// Session: the logged-in person's requests, with the CSRF token, the
// catalogue cache and a new login when the portal says the session expired.

#include "client/impl.hpp"
#include "client/institution_wire.hpp"
#include "op/ask_caller.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
using op::failed;
using op::Outcome;
using op::refused;
using op::succeeded;

bool changes_state(std::string_view method) { return method != "GET" && method != "HEAD"; }

}  // namespace

void SessionImpl::install(client::OpenedSession opened) {
  const std::lock_guard lock(mutex_);
  csrf_ = std::move(opened.csrf_token);
  info_ = std::move(opened.info);
  ++generation_;
}

bool SessionImpl::logged_out() const {
  const std::lock_guard lock(mutex_);
  return logged_out_;
}

SessionInfo SessionImpl::info() const {
  const std::lock_guard lock(mutex_);
  return info_;
}

void SessionImpl::on_session_expired(CredentialsCallback callback) {
  const std::lock_guard lock(mutex_);
  relogin_ = std::move(callback);
}

asio::awaitable<Answer> SessionImpl::call(Exchange exchange) {
  bool csrf_retried = false;
  bool logged_in_again = false;
  for (;;) {
    Exchange attempt;
    attempt.method = exchange.method;
    attempt.url = exchange.url;
    attempt.body = exchange.body;
    attempt.content_type = exchange.content_type;
    attempt.headers = exchange.headers;
    attempt.idempotent = exchange.idempotent;
    unsigned generation = 0;
    {
      const std::lock_guard lock(mutex_);
      generation = generation_;
      if (changes_state(attempt.method)) attempt.headers.push_back({"X-CSRF-Token", std::string(csrf_.reveal())});
    }
    auto answer = co_await client_->send(jar_, std::move(attempt));
    if (answer.ec || !answer.problem) co_return answer;
    // The session cookie lives as long as the session: once it has expired
    // the jar sends none, and the portal can only say "unauthenticated".
    // For a session that was never logged out, that is its expiry.
    if (answer.problem->is("unauthenticated") && !logged_out()) {
      answer.problem->code = "session_expired";
      answer.problem->detail = "the session cookie has expired (the portal answered unauthenticated)";
    }

    // A rejected token comes back with the session's token: one more try,
    // as an ACME client does after badNonce.
    if (answer.problem->is("csrf_rejected") && !csrf_retried) {
      const auto token = answer.response.header("X-CSRF-Token");
      if (!token.empty()) {
        csrf_retried = true;
        const std::lock_guard lock(mutex_);
        csrf_.assign(token);
        continue;
      }
    }
    if (answer.problem->is("session_expired") && !logged_in_again) {
      logged_in_again = true;
      if (co_await log_in_again(generation)) continue;
    }
    co_return answer;
  }
}

asio::awaitable<bool> SessionImpl::log_in_again(unsigned generation_seen) {
  CredentialsCallback ask;
  {
    const std::lock_guard lock(mutex_);
    // Another operation logged in again since this request went out.
    if (generation_ != generation_seen) co_return true;
    ask = relogin_;
  }
  if (!ask) co_return false;
  client_->log().write(LogLevel::info, "the portal session expired; logging in again");
  auto [ec, credentials] = co_await op::ask_caller<Credentials>(ask);
  if (ec) co_return false;
  {
    const std::lock_guard lock(mutex_);
    if (generation_ != generation_seen) co_return true;
  }
  jar_.clear();
  auto opened = co_await client_->login(std::move(credentials), jar_);
  if (opened.ec) co_return false;
  install(std::move(opened.result).value());
  co_return true;
}

asio::awaitable<Outcome<Catalogue>> SessionImpl::catalogue() {
  {
    const std::lock_guard lock(mutex_);
    if (catalogue_) co_return succeeded(catalogue_);
  }
  Exchange exchange{.url = client_->url("/api/v1/institutions"), .idempotent = true};
  auto answer = co_await call(std::move(exchange));
  auto decoded =
      read_answer<Catalogue>(answer, [this](std::string_view body) { return client_->decode_catalogue(body); });
  if (!decoded.ec) {
    const std::lock_guard lock(mutex_);
    catalogue_ = decoded.result.value();
  }
  co_return decoded;
}

asio::awaitable<Outcome<std::vector<Institution>>> SessionImpl::institutions() {
  auto shared = co_await catalogue();
  if (shared.ec) co_return op::relay<std::vector<Institution>>(shared);
  co_return succeeded(std::vector<Institution>(*shared.result.value()));
}

asio::awaitable<Outcome<std::vector<RegisteredPhone>>> SessionImpl::phones() {
  using List = std::vector<RegisteredPhone>;
  Exchange exchange{.url = client_->url("/api/v1/me/phones"), .idempotent = true};
  auto answer = co_await call(std::move(exchange));
  co_return read_answer<List>(answer, client::decode_phones);
}

asio::awaitable<Outcome<std::vector<ApplicationInfo>>> SessionImpl::applications() {
  using List = std::vector<ApplicationInfo>;
  Exchange exchange{.url = client_->url("/api/v1/applications"), .idempotent = true};
  auto answer = co_await call(std::move(exchange));
  co_return read_answer<List>(answer, client::decode_applications);
}

asio::awaitable<Outcome<InstitutionAccess>> SessionImpl::institution_access(SecretString access_code) {
  Exchange exchange{.method = "POST",
                    .url = client_->url("/api/v1/institution-access"),
                    .body = client::encode_secret_object({{"access_code", access_code.reveal()}}),
                    .content_type = "application/json"};
  access_code.clear();
  auto answer = co_await call(std::move(exchange));
  co_return read_answer<InstitutionAccess>(answer, client::decode_institution_access);
}

asio::awaitable<Outcome<Done>> SessionImpl::logout() {
  Exchange exchange{.method = "DELETE", .url = client_->url("/api/v1/auth/session")};
  auto answer = co_await call(std::move(exchange));
  if (answer.ec) co_return failed<Done>(answer.ec);
  // Whatever the portal said, this side forgets the session.
  jar_.clear();
  {
    const std::lock_guard lock(mutex_);
    csrf_.clear();
    catalogue_.reset();
    logged_out_ = true;
  }
  if (answer.problem) co_return refused<Done>(errc::portal_refused, std::move(*answer.problem));
  co_return succeeded(Done{});
}

}  // namespace detail

Session::executor_type Session::get_executor() const { return impl_->client().executor(); }

SessionInfo Session::info() const { return impl_->info(); }

std::string Session::portal_url() const { return impl_->client().portal_url(); }

void Session::on_session_expired(CredentialsCallback callback) { impl_->on_session_expired(std::move(callback)); }

void Session::institutions_impl(Impl impl, ResultHandler<std::vector<Institution>> handler) {
  auto executor = impl->client().executor();
  op::launch_member(executor, std::move(impl), &detail::SessionImpl::institutions, std::move(handler));
}

void Session::phones_impl(Impl impl, ResultHandler<std::vector<RegisteredPhone>> handler) {
  auto executor = impl->client().executor();
  op::launch_member(executor, std::move(impl), &detail::SessionImpl::phones, std::move(handler));
}

void Session::applications_impl(Impl impl, ResultHandler<std::vector<ApplicationInfo>> handler) {
  auto executor = impl->client().executor();
  op::launch_member(executor, std::move(impl), &detail::SessionImpl::applications, std::move(handler));
}

void Session::institution_access_impl(Impl impl, SecretString access_code, ResultHandler<InstitutionAccess> handler) {
  auto executor = impl->client().executor();
  op::launch_member(executor, std::move(impl), &detail::SessionImpl::institution_access, std::move(handler),
                    std::move(access_code));
}

void Session::logout_impl(Impl impl, ResultHandler<Done> handler) {
  auto executor = impl->client().executor();
  op::launch_member(executor, std::move(impl), &detail::SessionImpl::logout, std::move(handler));
}

}  // namespace nes
