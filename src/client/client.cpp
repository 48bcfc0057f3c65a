// Client: the portal's public operations and the e-Devlet login (OAuth2
// authorization code with PKCE, RFC 7636; a native app per RFC 8252).

#include "client/impl.hpp"
#include "client/pkce.hpp"
#include "crypto/random_token.hpp"
#include "net/proxy.hpp"

#include <nes/field_paths.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
using op::failed;
using op::Outcome;
using op::refused;
using op::succeeded;

// application/x-www-form-urlencoded, into memory that holds a password.
void append_form_field(std::string& out, std::string_view name, std::string_view value) {
  if (!out.empty()) out += '&';
  out += name;
  out += '=';
  const auto encoded_size = boost::urls::encoded_size(value, boost::urls::unreserved_chars);
  const auto at = out.size();
  out.resize(at + encoded_size);
  boost::urls::encode(out.data() + at, encoded_size, value, boost::urls::unreserved_chars);
}

std::string query_value(const boost::urls::url_view& url, std::string_view name) {
  const auto params = url.params();
  const auto found = params.find(name);
  return found == params.end() ? std::string() : std::string((*found).value);
}

// The redirect must go to our redirect_uri: same scheme, authority and path.
bool same_endpoint(const boost::urls::url_view& a, const boost::urls::url_view& b) {
  return a.scheme() == b.scheme() && a.encoded_authority() == b.encoded_authority() &&
         a.encoded_path() == b.encoded_path();
}

}  // namespace

std::string ClientImpl::portal_url() const { return portal_.scheme + "://" + portal_.authority(); }

std::string ClientImpl::url(std::string_view path) const {
  net::Url u = portal_;
  u.target = std::string(path);
  return u.to_string();
}

asio::awaitable<Answer> ClientImpl::send(net::CookieJar& jar, Exchange exchange) {
  HttpRequest request;
  request.method = std::move(exchange.method);
  request.url = std::move(exchange.url);
  request.body = std::move(exchange.body);
  request.idempotent = exchange.idempotent;
  request.headers = std::move(exchange.headers);
  request.headers.push_back({"Accept", "application/json, application/problem+json"});
  if (!exchange.content_type.empty()) request.headers.push_back({"Content-Type", exchange.content_type});
  const auto target = net::Url::parse(request.url);
  if (!target) co_return Answer{errc::invalid_argument, {}, {}, {}};
  if (auto cookie = jar.header_for(*target); !cookie.empty()) {
    request.headers.push_back({"Cookie", std::string(cookie.reveal())});
  }
  auto sent = co_await pipeline_.send(std::move(request), std::move(*target));
  // The Cookie header's copy of the session cookie sat in the request's
  // header vector, which the transport consumed; headers are not wiped.
  Answer answer{sent.ec, {}, {}, OtpStatus::SteadyClock::now()};
  if (sent.ec) co_return answer;
  HttpResponse& response = sent.response;
  const net::Url& from = sent.from;  // after redirects
  for (const auto set_cookie : response.all("Set-Cookie")) jar.store(from, set_cookie);
  if (response.status >= 400) {
    answer.problem = client::decode_problem(response);
    log_.write_lazily(LogLevel::info, [&] {
      return "portal refused " + from.to_string().substr(0, from.to_string().find('?')) + ": " +
             std::to_string(response.status) + " " + answer.problem->code + " (request " + answer.problem->request_id +
             ")";
    });
  }
  answer.response = std::move(response);
  co_return answer;
}

asio::awaitable<Outcome<PortalInfo>> ClientImpl::info() {
  for (;;) {
    std::shared_ptr<InfoWaiter> waiter;
    {
      const std::lock_guard lock(mutex_);
      if (info_) co_return succeeded(*info_);
      if (!info_in_flight_) {
        info_in_flight_ = true;
        break;
      }
      const auto executor = co_await asio::this_coro::executor;  // named first: GCC 12 (ADR 0006)
      waiter = std::make_shared<InfoWaiter>(InfoWaiter{op::Wakeup::make(executor), {}});
      info_waiters_.push_back(waiter);
    }
    co_await waiter->wakeup->wait();
    const bool cancelled = (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
    const std::lock_guard lock(mutex_);
    if (cancelled) {
      std::erase(info_waiters_, waiter);
      co_return failed<PortalInfo>(asio::error::operation_aborted);
    }
    // The fetcher's own cancellation is not ours: ask again, one of us.
    if (waiter->outcome && waiter->outcome->ec != asio::error::operation_aborted) co_return *waiter->outcome;
  }
  co_return co_await fetch_info();
}

asio::awaitable<Outcome<PortalInfo>> ClientImpl::fetch_info() {
  net::CookieJar no_cookies;
  Exchange exchange{.url = url("/api/v1/info"), .idempotent = true};
  Outcome<PortalInfo> info;
  try {
    auto answer = co_await send(no_cookies, std::move(exchange));
    info = read_answer<PortalInfo>(answer, client::decode_info);
  } catch (...) {
    info = failed<PortalInfo>(op::code_of(std::current_exception()));
  }
  std::vector<std::shared_ptr<InfoWaiter>> waiters;
  {
    const std::lock_guard lock(mutex_);
    if (!info.ec) info_ = info.result.value();
    info_in_flight_ = false;
    waiters.swap(info_waiters_);
    // Every waiter gets this outcome, a failure too: a portal that does not
    // answer fails a batch of logins once, not once per login in turn.
    for (auto& waiter : waiters) waiter->outcome = info;
  }
  for (auto& waiter : waiters) waiter->wakeup->wake();
  co_return info;
}

std::optional<Catalogue> ClientImpl::decode_catalogue(std::string_view body) {
  {
    const std::lock_guard lock(mutex_);
    if (catalogue_ && body == catalogue_body_) return catalogue_;
  }
  auto parsed = decode_institution_catalogue(body);
  if (!parsed) return std::nullopt;
  auto decoded = std::make_shared<const std::vector<Institution>>(std::move(parsed).value());
  const std::lock_guard lock(mutex_);
  catalogue_body_ = body;
  catalogue_ = decoded;
  return decoded;
}

asio::awaitable<Outcome<FeeTable>> ClientImpl::fees() {
  net::CookieJar no_cookies;
  Exchange exchange{.url = url("/api/v1/fees"), .idempotent = true};
  auto answer = co_await send(no_cookies, std::move(exchange));
  co_return read_answer<FeeTable>(answer, client::decode_fees);
}

asio::awaitable<Outcome<DebtReport>> ClientImpl::debt(SecretString tckn) {
  if (auto parsed = Tckn::parse(tckn.reveal()); !parsed) {
    FieldErrors errors = parsed.errors();
    for (auto& e : errors) e.field = fields::identity_tckn;
    co_return op::refused<DebtReport>(errc::validation_failed,
                                      op::local_problem("invalid_form", "The T.C. Kimlik No is not valid", {}, errors));
  }
  net::CookieJar no_cookies;
  Exchange exchange{.method = "POST",
                    .url = url("/api/v1/debt-inquiries"),
                    .body = client::encode_debt_inquiry(tckn),
                    .content_type = "application/json",
                    .idempotent = true};  // a question: asking twice changes nothing
  auto answer = co_await send(no_cookies, std::move(exchange));
  co_return read_answer<DebtReport>(answer, client::decode_debt);
}

asio::awaitable<Outcome<ClientImpl::LoginStart>> ClientImpl::begin_login(net::CookieJar& jar) {
  auto about = co_await info();
  if (about.ec) co_return op::relay<LoginStart>(about);
  LoginStart start;
  start.portal = std::move(about.result).value();
  start.verifier = crypto::random_token(48);
  start.state = crypto::random_token(24);
  // 1. The login transaction, with this login's state and PKCE challenge.
  auto authorize = boost::urls::parse_absolute_uri(start.portal.authorize_url);
  if (!authorize || !boost::urls::parse_absolute_uri(start.portal.redirect_uri)) {
    co_return failed<LoginStart>(errc::protocol_error);
  }
  boost::urls::url begin_url(*authorize);
  begin_url.params().append({"response_type", "code"});
  begin_url.params().append({"client_id", start.portal.client_id});
  begin_url.params().append({"redirect_uri", start.portal.redirect_uri});
  begin_url.params().append({"state", start.state.reveal()});
  begin_url.params().append({"code_challenge", client::s256_challenge(start.verifier)});
  begin_url.params().append({"code_challenge_method", "S256"});
  Exchange begin{.url = std::string(begin_url.buffer()), .idempotent = true};
  auto started = co_await send(jar, std::move(begin));
  if (started.ec) co_return failed<LoginStart>(started.ec);
  if (started.problem) co_return refused<LoginStart>(errc::portal_refused, std::move(*started.problem));
  auto transaction = client::decode_login_request(started.response.body.reveal());
  if (!transaction) co_return failed<LoginStart>(errc::protocol_error);
  start.transaction = std::move(*transaction);
  start.methods = client::decode_login_methods(started.response.body.reveal());
  start.gateway_origin = std::string(authorize->encoded_origin());
  start.authorize_path = std::string(authorize->encoded_path());
  co_return succeeded(std::move(start));
}

asio::awaitable<Outcome<client::OpenedSession>> ClientImpl::login(Credentials credentials, net::CookieJar& jar) {
  using Opened = client::OpenedSession;
  auto begun = co_await begin_login(jar);
  if (begun.ec) co_return op::relay<Opened>(begun);
  const LoginStart& start = *begun.result;
  // 2. The credentials, at the gateway only.
  std::string form;
  // Reserved up front (percent-encoding at most triples a byte), so that no
  // reallocation leaves a copy of the password behind.
  form.reserve(3 * (start.transaction.size() + credentials.tckn.size() + credentials.password.size()) + 64);
  append_form_field(form, "login_request", start.transaction);
  append_form_field(form, "tckn", credentials.tckn.reveal());
  append_form_field(form, "password", credentials.password.reveal());
  credentials = {};
  Exchange post{.method = "POST",
                .url = start.gateway_origin + start.authorize_path,
                .body = SecretString(form),
                .content_type = "application/x-www-form-urlencoded"};
  secure_wipe(form.data(), form.size());
  auto posted = co_await send(jar, std::move(post));
  auto finished = co_await finish_login(jar, start, std::move(posted));  // named first (ADR 0002)
  co_return finished;
}

asio::awaitable<Outcome<std::string>> ClientImpl::signature_challenge(net::CookieJar& jar, const LoginStart& start) {
  if (std::find(start.methods.begin(), start.methods.end(), "e_signature") == start.methods.end()) {
    co_return refused<std::string>(
        errc::invalid_argument,
        op::local_problem("e_signature_not_offered", "The e-Devlet gateway offers no e-imza login"));
  }
  boost::urls::url challenge(start.gateway_origin);
  challenge.set_encoded_path("/oauth2/esign/challenge");
  challenge.params().append({"login_request", start.transaction});
  Exchange ask{.url = std::string(challenge.buffer()), .idempotent = true};
  auto answer = co_await send(jar, std::move(ask));
  co_return read_answer<std::string>(answer, [](std::string_view body) { return std::optional<std::string>(body); });
}

asio::awaitable<Outcome<client::OpenedSession>> ClientImpl::signature_login(net::CookieJar& jar,
                                                                            const LoginStart& start,
                                                                            std::string cms_der) {
  boost::urls::url login(start.gateway_origin);
  login.set_encoded_path("/oauth2/esign/login");
  login.params().append({"login_request", start.transaction});
  Exchange post{.method = "POST",
                .url = std::string(login.buffer()),
                .body = SecretString(cms_der),
                .content_type = "application/pkcs7-signature"};
  auto posted = co_await send(jar, std::move(post));
  auto finished = co_await finish_login(jar, start, std::move(posted));  // named first (ADR 0002)
  co_return finished;
}

asio::awaitable<Outcome<client::OpenedSession>> ClientImpl::finish_login(net::CookieJar& jar, const LoginStart& start,
                                                                         Answer posted) {
  using Opened = client::OpenedSession;
  if (posted.ec) co_return failed<Opened>(posted.ec);
  if (posted.problem) co_return refused<Opened>(errc::portal_refused, std::move(*posted.problem));
  const auto redirect = boost::urls::parse_absolute_uri(start.portal.redirect_uri);
  const auto location = boost::urls::parse_uri_reference(posted.response.header("Location"));
  if (posted.response.status != 302 && posted.response.status != 303) co_return failed<Opened>(errc::protocol_error);
  if (!redirect || !location || !location->has_scheme() || !same_endpoint(*location, *redirect)) {
    co_return failed<Opened>(errc::protocol_error);
  }
  // 3. The redirect must answer this login: a state that is not ours means
  // someone else's code, which must not be redeemed.
  if (query_value(*location, "state") != start.state.reveal()) co_return failed<Opened>(errc::state_mismatch);
  if (auto error = query_value(*location, "error"); !error.empty()) {
    Problem problem;
    problem.http_status = posted.response.status;
    problem.code = error;
    problem.title = "The e-Devlet login was refused";
    problem.detail = query_value(*location, "error_description");
    co_return refused<Opened>(errc::portal_refused, std::move(problem));
  }
  const SecretString code(query_value(*location, "code"));
  if (code.empty()) co_return failed<Opened>(errc::protocol_error);

  // 4. The portal redeems the code with the verifier and opens a session.
  Exchange open{.method = "POST",
                .url = url("/api/v1/auth/session"),
                .body = client::encode_secret_object({{"code", code.reveal()},
                                                      {"code_verifier", start.verifier.reveal()},
                                                      {"redirect_uri", start.portal.redirect_uri}}),
                .content_type = "application/json"};
  auto opened = co_await send(jar, std::move(open));
  if (opened.ec) co_return failed<Opened>(opened.ec);
  if (opened.problem) co_return refused<Opened>(errc::portal_refused, std::move(*opened.problem));
  auto session = client::decode_opened_session(opened.response.body.reveal());
  if (!session) co_return failed<Opened>(errc::protocol_error);
  log_.write(LogLevel::info, "logged in; session until the portal's expiry");
  co_return succeeded(std::move(*session));
}

}  // namespace detail

namespace {

// The portal's URL, or why it is not one (a null `detail` is not written).
std::optional<net::Url> portal_of(const ClientOptions& options, error_code& ec, std::string* detail) {
  auto portal = net::Url::parse(options.portal_url);
  if (portal && portal->target == "/") return portal;
  ec = errc::invalid_argument;
  if (detail != nullptr)
    *detail = "portal_url must be an absolute https URL with no path: \"" + options.portal_url + "\"";
  return std::nullopt;
}

}  // namespace

std::optional<Client> Client::create(executor_type executor, const ClientOptions& options, error_code& ec,
                                     std::string* detail) {
  const auto portal = portal_of(options, ec, detail);
  if (!portal) return std::nullopt;
  auto transport = net::make_inline_https_transport(std::move(executor), options, ec, detail);
  if (!transport) return std::nullopt;
  ec = {};
  return Client(std::make_shared<detail::ClientImpl>(std::move(transport), options, *portal));
}

std::optional<Client> Client::create(std::shared_ptr<Transport> transport, const ClientOptions& options, error_code& ec,
                                     std::string* detail) {
  const auto portal = portal_of(options, ec, detail);
  if (!portal) return std::nullopt;
  if (!transport) {
    ec = errc::invalid_argument;
    if (detail != nullptr) *detail = "no transport";
    return std::nullopt;
  }
  ec = {};
  return Client(std::make_shared<detail::ClientImpl>(std::move(transport), options, *portal));
}

Client::executor_type Client::get_executor() const { return impl_->executor(); }

std::string Client::portal_url() const { return impl_->portal_url(); }

void Client::info_impl(Impl impl, ResultHandler<PortalInfo> handler) {
  auto executor = impl->executor();
  op::launch_member(executor, std::move(impl), &detail::ClientImpl::info, std::move(handler));
}

void Client::fees_impl(Impl impl, ResultHandler<FeeTable> handler) {
  auto executor = impl->executor();
  op::launch_member(executor, std::move(impl), &detail::ClientImpl::fees, std::move(handler));
}

void Client::debt_impl(Impl impl, SecretString tckn, ResultHandler<DebtReport> handler) {
  auto executor = impl->executor();
  op::launch(
      executor,
      [](Impl self, SecretString t) -> boost::asio::awaitable<op::Outcome<DebtReport>> {
        co_return co_await self->debt(std::move(t));
      }(std::move(impl), std::move(tckn)),
      std::move(handler));
}

void Client::login_impl(Impl impl, Credentials credentials, ResultHandler<Session> handler) {
  auto executor = impl->executor();
  op::launch(
      executor,
      [](Impl self, Credentials c) -> boost::asio::awaitable<op::Outcome<Session>> {
        auto session = std::make_shared<detail::SessionImpl>(self);
        auto opened = co_await self->login(std::move(c), session->jar());
        if (opened.ec) co_return op::relay<Session>(opened);
        session->install(std::move(opened.result).value());
        co_return op::succeeded(Session(std::move(session)));
      }(std::move(impl), std::move(credentials)),
      std::move(handler));
}

const std::string& SignatureLogin::document() const noexcept { return state_->document; }

void Client::begin_signature_login_impl(Impl impl, ResultHandler<SignatureLogin> handler) {
  auto executor = impl->executor();
  op::launch(
      executor,
      [](Impl self) -> boost::asio::awaitable<op::Outcome<SignatureLogin>> {
        auto state = std::make_shared<detail::SignatureLoginState>();
        state->session = std::make_shared<detail::SessionImpl>(self);
        auto begun = co_await self->begin_login(state->session->jar());
        if (begun.ec) co_return op::relay<SignatureLogin>(begun);
        state->start = std::move(begun.result).value();
        auto challenge = co_await self->signature_challenge(state->session->jar(), state->start);
        if (challenge.ec) co_return op::relay<SignatureLogin>(challenge);
        state->document = std::move(challenge.result).value();
        co_return op::succeeded(SignatureLogin(std::move(state)));
      }(std::move(impl)),
      std::move(handler));
}

void Client::finish_signature_login_impl(Impl impl, SignatureLogin login, std::string cms_der,
                                         ResultHandler<Session> handler) {
  auto executor = impl->executor();
  op::launch(
      executor,
      [](Impl self, std::shared_ptr<detail::SignatureLoginState> state,
         std::string cms) -> boost::asio::awaitable<op::Outcome<Session>> {
        auto opened = co_await self->signature_login(state->session->jar(), state->start, std::move(cms));
        if (opened.ec) co_return op::relay<Session>(opened);
        state->session->install(std::move(opened.result).value());
        co_return op::succeeded(Session(state->session));
      }(std::move(impl), std::move(login.state_), std::move(cms_der)),
      std::move(handler));
}

}  // namespace nes
