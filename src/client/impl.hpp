#pragma once
// The state behind the Client, Session and Application handles, and the
// one way they talk to the portal: cookies from the session's jar, the CSRF
// token on every state-changing request (one retry with the portal's new
// token after csrf_rejected), problems decoded, and a new login through the
// caller's callback when the session has expired.

#include "client/wire.hpp"
#include "net/cookie_jar.hpp"
#include "net/logger.hpp"
#include "net/pipeline.hpp"
#include "net/url.hpp"
#include "op/launch.hpp"
#include "op/wakeup.hpp"

#include <nes/application.hpp>
#include <nes/client.hpp>
#include <nes/transport.hpp>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nes::detail {

/// One request to the portal or its gateway.
struct Exchange {
  std::string method = "GET";
  std::string url;  ///< absolute
  SecretString body{};
  std::string content_type{};
  std::vector<HttpHeader> headers{};
  bool idempotent = false;
};

/// Its answer: a transport error, or the response with its problem when the
/// status is 400 or more.
struct Answer {
  error_code ec;
  HttpResponse response;
  std::optional<Problem> problem;
  OtpStatus::SteadyClock::time_point received{};
};

/// An answer read as a T: its transport error, the portal's problem
/// (errc::portal_refused), or `decode(body)` / `decode(body, received)`,
/// whose nullopt (not the protocol's shape) is errc::protocol_error.
template <class T, class Decode>
op::Outcome<T> read_answer(Answer& answer, Decode decode) {
  if (answer.ec) return op::failed<T>(answer.ec);
  if (answer.problem) return op::refused<T>(errc::portal_refused, std::move(*answer.problem));
  const auto body = answer.response.body.reveal();
  auto value = [&] {
    if constexpr (std::is_invocable_v<Decode, std::string_view, OtpStatus::SteadyClock::time_point>) {
      return decode(body, answer.received);
    } else {
      return decode(body);
    }
  }();
  if (!value) return op::failed<T>(errc::protocol_error);
  return op::succeeded<T>(std::move(*value));
}

/// RFC 9530's Repr-Digest of `bytes`: "sha-256=:<base64>:".
std::string repr_digest(std::string_view bytes);

/// A decoded institution catalogue, shared and never changed.
using Catalogue = std::shared_ptr<const std::vector<Institution>>;

class ClientImpl {
 public:
  /// Over the SDK's own transport (net::InlineTransport) or a caller's.
  template <class SomeTransport>
  ClientImpl(std::shared_ptr<SomeTransport> transport, const ClientOptions& options, net::Url portal)
      : pipeline_(std::move(transport), options), portal_(std::move(portal)), log_(options.log, options.log_level) {}

  [[nodiscard]] boost::asio::any_io_executor executor() const { return pipeline_.executor(); }
  [[nodiscard]] const net::Logger& log() const noexcept { return log_; }
  /// scheme://host:port
  [[nodiscard]] std::string portal_url() const;
  /// An absolute URL on the portal for `path` ("/api/v1/info").
  [[nodiscard]] std::string url(std::string_view path) const;

  /// Sends with the cookies of `jar` and keeps the ones that come back.
  boost::asio::awaitable<Answer> send(net::CookieJar& jar, Exchange exchange);

  /// The portal's info, asked once per client: concurrent callers (a batch
  /// of logins on a new client) wait for the one request in flight.
  boost::asio::awaitable<op::Outcome<PortalInfo>> info();
  boost::asio::awaitable<op::Outcome<FeeTable>> fees();
  boost::asio::awaitable<op::Outcome<DebtReport>> debt(SecretString tckn);
  /// The institution catalogue in an answer's `body`, decoded strictly once
  /// for every session that receives the same bytes: each session still asks
  /// the portal (ADR 0006), but a batch of sessions does not decode the same
  /// catalogue a thousand times.
  std::optional<Catalogue> decode_catalogue(std::string_view body);
  /// The e-Devlet login and the portal session, with cookies in `jar`.
  boost::asio::awaitable<op::Outcome<client::OpenedSession>> login(Credentials credentials, net::CookieJar& jar);

  /// A login transaction at the gateway, begun (step 1): what its later steps need.
  struct LoginStart {
    PortalInfo portal;
    SecretString verifier;  ///< PKCE
    SecretString state;
    std::string transaction;  ///< the gateway's login_request
    std::vector<std::string> methods;
    std::string gateway_origin;  ///< scheme://host:port of the authorize URL
    std::string authorize_path;
  };
  boost::asio::awaitable<op::Outcome<LoginStart>> begin_login(net::CookieJar& jar);
  /// Steps 3 and 4: the gateway's redirect `posted` checked, its code redeemed for a session.
  boost::asio::awaitable<op::Outcome<client::OpenedSession>> finish_login(net::CookieJar& jar, const LoginStart& start,
                                                                          Answer posted);
  /// e-imza login: the challenge of `start` (its document to sign).
  boost::asio::awaitable<op::Outcome<std::string>> signature_challenge(net::CookieJar& jar, const LoginStart& start);
  /// e-imza login: the CMS over the challenge posted, then finish_login.
  boost::asio::awaitable<op::Outcome<client::OpenedSession>> signature_login(net::CookieJar& jar,
                                                                             const LoginStart& start,
                                                                             std::string cms_der);

 private:
  net::Pipeline pipeline_;  ///< redirects, retries and the log, above the transport
  net::Url portal_;
  net::Logger log_;
  // A caller waiting for the info request another caller has in flight.
  struct InfoWaiter {
    std::shared_ptr<op::Wakeup> wakeup;
    std::optional<op::Outcome<PortalInfo>> outcome;  ///< set, under mutex_, before the wake-up
  };
  boost::asio::awaitable<op::Outcome<PortalInfo>> fetch_info();

  std::mutex mutex_;
  std::optional<PortalInfo> info_;
  bool info_in_flight_ = false;
  std::vector<std::shared_ptr<InfoWaiter>> info_waiters_;
  std::string catalogue_body_;  ///< the last catalogue decoded, as the portal sent it
  Catalogue catalogue_;
};

/// An e-imza login between its two halves: the session it will become
/// (its cookie jar holds the gateway's cookie), the transaction, the challenge.
struct SignatureLoginState {
  std::shared_ptr<SessionImpl> session;
  ClientImpl::LoginStart start;
  std::string document;
};

class SessionImpl {
 public:
  explicit SessionImpl(std::shared_ptr<ClientImpl> client) : client_(std::move(client)) {}
  /// After a login: the CSRF token and the person (the cookie is in jar()).
  void install(client::OpenedSession opened);

  [[nodiscard]] ClientImpl& client() const noexcept { return *client_; }
  [[nodiscard]] SessionInfo info() const;
  void on_session_expired(CredentialsCallback callback);
  net::CookieJar& jar() noexcept { return jar_; }

  /// A request on the portal as this session's person.
  boost::asio::awaitable<Answer> call(Exchange exchange);

  /// The catalogue, shared with the client's cache and this session's:
  /// what the SDK reads itself is not copied.
  boost::asio::awaitable<op::Outcome<Catalogue>> catalogue();
  /// The catalogue as the caller's own copy.
  boost::asio::awaitable<op::Outcome<std::vector<Institution>>> institutions();
  boost::asio::awaitable<op::Outcome<std::vector<RegisteredPhone>>> phones();
  boost::asio::awaitable<op::Outcome<std::vector<ApplicationInfo>>> applications();
  boost::asio::awaitable<op::Outcome<InstitutionAccess>> institution_access(SecretString access_code);
  boost::asio::awaitable<op::Outcome<Done>> logout();

 private:
  [[nodiscard]] bool logged_out() const;
  // A new login after session_expired; false when it did not happen.
  boost::asio::awaitable<bool> log_in_again(unsigned generation_seen);

  std::shared_ptr<ClientImpl> client_;
  net::CookieJar jar_;
  mutable std::mutex mutex_;
  SecretString csrf_;
  SessionInfo info_;
  unsigned generation_ = 0;  ///< counts logins, so that one expiry logs in once
  bool logged_out_ = false;
  CredentialsCallback relogin_;
  Catalogue catalogue_;
};

class ApplicationImpl {
 public:
  ApplicationImpl(std::shared_ptr<SessionImpl> session, std::optional<ApplicationForm> form, std::string key,
                  std::string id, std::optional<SecretString> access_code = std::nullopt, std::string renews = {});

  [[nodiscard]] SessionImpl& session() const noexcept { return *session_; }
  [[nodiscard]] const std::shared_ptr<SessionImpl>& session_ptr() const noexcept { return session_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  [[nodiscard]] std::string id() const;
  [[nodiscard]] std::optional<ApplicationInfo> info() const;

  boost::asio::awaitable<op::Outcome<ApplicationInfo>> submit(std::vector<std::string> acknowledged);
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> refresh();
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> cancel();
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> verify(SecretString code);
  boost::asio::awaitable<op::Outcome<OtpStatus>> resend();
  /// Step 12: the exact bytes to approve (Repr-Digest checked).
  boost::asio::awaitable<op::Outcome<std::string>> approval_document();
  boost::asio::awaitable<op::Outcome<SignatureProfile>> signature_profile();
  /// Uploads a detached CMS (DER) over those bytes.
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> approve_e_signature(std::string cms_der);
  /// Declares the wet signature route.
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> declare_wet_signature();
  /// Approves by the person's standing E-Onay.
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> approve_by_e_onay();

 private:
  // An answer that is an application: remembered, or a refusal.
  op::Outcome<ApplicationInfo> application_from(Answer& answer);
  // The refusal of an operation on an application not yet submitted.
  [[nodiscard]] std::optional<Problem> not_submitted() const;
  [[nodiscard]] std::string path(std::string_view tail) const;

  std::shared_ptr<SessionImpl> session_;
  std::optional<ApplicationForm> form_;
  std::optional<SecretString> access_code_;  ///< the institution-paid route's
  std::string renews_;                       ///< a renewal's certificate serial
  std::string key_;
  mutable std::mutex mutex_;
  std::string id_;
  std::optional<ApplicationInfo> info_;
};

}  // namespace nes::detail
