#pragma once
// Client and Session: open the portal, log in through e-Devlet (OAuth2
// authorization code with PKCE), and act as the logged-in person.
//
// Thread safety: Client and Session are cheap handles to shared state.
// Distinct handles, and copies of one, may be used from any thread; several
// operations of one Session may run at once (the cookie jar, the CSRF token
// and the catalogue cache are guarded). Handlers run on the handler's
// associated executor, by default the Client's.

#include <nes/application_form.hpp>
#include <nes/application_info.hpp>
#include <nes/client_options.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/institution.hpp>
#include <nes/money.hpp>
#include <nes/secret.hpp>
#include <nes/signature_profile.hpp>
#include <nes/transport.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nes {

namespace detail {
class ClientImpl;
class SessionImpl;
struct SignatureLoginState;
}  // namespace detail

/// What the applicant types at e-Devlet (steps 3–4). Both are wiped after use.
/// Not an aggregate on purpose: GCC 12 destroys an aggregate temporary made
/// inside a co_await twice (ADR 0002), a constructed one correctly, so
/// `co_await client.async_login({tckn, password}, token)` is safe.
class NES_EXPORT Credentials {
 public:
  Credentials() = default;
  /// The person's T.C. Kimlik No and e-Devlet password; both are wiped after use.
  Credentials(SecretString tckn_, SecretString password_) : tckn(std::move(tckn_)), password(std::move(password_)) {}

  /// T.C. Kimlik No.
  SecretString tckn;
  /// e-Devlet şifresi.
  SecretString password;
};

/// GET /api/v1/info: the portal, its e-Devlet gateway and its SMS code rules.
struct NES_EXPORT PortalInfo {
  /// The portal's name, to show.
  std::string name;
  /// The protocol version it speaks.
  std::string protocol_version;
  /// The e-Devlet gateway's authorisation endpoint.
  std::string authorize_url;
  /// The OAuth2 client id the portal registers at the gateway.
  std::string client_id;
  /// Where the gateway sends the browser back.
  std::string redirect_uri;
  /// Digits of an SMS code.
  int otp_length = 6;
  /// How long a code is accepted, in seconds.
  int otp_valid_seconds = 0;
  /// Seconds before a new code may be asked for.
  int otp_resend_after_seconds = 0;
  /// Wrong tries before a code locks.
  int otp_max_tries = 0;
  /// What an e-imza approval must be signed to: CAdES-BES, or P2/P3/P4 with
  /// the policy's OID and the SHA-256 digest of its document.
  SignatureProfile signature_profile{};
};

/// Borç Sorgulama: one debt of a person, for one of their applications.
struct NES_EXPORT Debt {
  /// The application the debt is for.
  std::string application_id;
  std::string description;  ///< as the portal words it ("NES 3 yıl + kart okuyucu")
  /// What is owed, net, KDV and total.
  Fee amount{};
};

/// What a person owes (possibly nothing).
struct NES_EXPORT DebtReport {
  /// Whose debts, masked.
  std::string tckn_masked;
  /// Each debt; none when nothing is owed.
  std::vector<Debt> debts;
  /// The sum of the debts' totals.
  Money total{};
};

/// Fiyatlar: one price of the portal's fee table.
struct NES_EXPORT FeeTableEntry {
  /// The validity period, in years.
  int validity_years = 0;
  /// With a card reader.
  bool card_reader = false;
  /// The price.
  Fee fee{};
};

/// Fiyatlar: the portal's fee table.
struct NES_EXPORT FeeTable {
  /// The KDV rate the prices include.
  KdvRate kdv{};
  /// Each offered combination and its price.
  std::vector<FeeTableEntry> entries;
  /// The price of a period and card-reader choice, if the portal offers it.
  [[nodiscard]] std::optional<Fee> fee_for(int validity_years, bool card_reader) const noexcept;
};

/// Who is logged in, as the portal tells it (the T.C. Kimlik No masked).
struct NES_EXPORT SessionInfo {
  /// The person's first name, as the identity register has it.
  std::string first_name;
  /// The person's last name.
  std::string last_name;
  /// The T.C. Kimlik No, masked.
  std::string tckn_masked;
  /// When the session ends unless renewed.
  std::chrono::system_clock::time_point expires_at{};
};

/// A registered mobile number, masked (`*** *** 92 90`); the form's mobile
/// number must be one of these.
struct NES_EXPORT RegisteredPhone {
  /// The portal's id of the number.
  std::string id;
  /// The number masked, to show and to choose by.
  std::string masked;
};

/// What an access code opens on the institution-paid route: the request the
/// institution's officer made, the institution, and the form as the
/// officer's row fills it in (identity, institution); the applicant
/// completes the rest and submits with Application::for_institution.
struct NES_EXPORT InstitutionAccess {
  /// The officer's request.
  std::string request_id;
  /// The institution, from the catalogue.
  Institution institution;
  /// The form's fields the officer gave.
  ApplicationForm form;
};

/// Asked for credentials again when the portal says the session expired.
/// Call `give` once: with credentials to log in again (the refused request
/// is then sent once more), or with an error to give up (the operation then
/// completes with the portal's session_expired problem).
using CredentialsCallback = std::function<void(std::function<void(error_code, Credentials)> give)>;

/// A person's logged-in session at the portal: the catalogue, the phones, Başvurularım, logout.
class NES_EXPORT Session {
 public:
  /// The executor the session's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The client's executor.
  [[nodiscard]] executor_type get_executor() const;
  /// The person and the session's expiry; updated by a new login.
  [[nodiscard]] SessionInfo info() const;
  /// The portal the session is at, as Client::portal_url writes it.
  [[nodiscard]] std::string portal_url() const;

  /// When set, an expired session logs in again through `callback` instead
  /// of failing (see CredentialsCallback). Without it, operations complete
  /// with errc::portal_refused and the problem session_expired.
  void on_session_expired(CredentialsCallback callback);

  /// Kurum Seçimi: the institution catalogue with each institution's
  /// required fields and notices. Fetched once per session, then cached.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_institutions(Token&& token = {}) const {
    return detail::initiate<std::vector<Institution>>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<std::vector<Institution>> h) { institutions_impl(impl, std::move(h)); });
  }

  /// The person's registered mobile numbers, masked.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_phones(Token&& token = {}) const {
    return detail::initiate<std::vector<RegisteredPhone>>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<std::vector<RegisteredPhone>> h) { phones_impl(impl, std::move(h)); });
  }

  /// The institution-paid route: what the access code the portal e-mailed
  /// opens (the portal's access_code_invalid when it is wrong or another
  /// person's). Wrong codes count against the person's SMS limits.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_institution_access(SecretString access_code, Token&& token = {}) const {
    return detail::initiate<InstitutionAccess>(
        std::forward<Token>(token),
        [impl = impl_, code = std::move(access_code)](ResultHandler<InstitutionAccess> h) mutable {
          institution_access_impl(impl, std::move(code), std::move(h));
        });
  }

  /// Başvurularım: every application of the person, newest first.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_applications(Token&& token = {}) const {
    return detail::initiate<std::vector<ApplicationInfo>>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<std::vector<ApplicationInfo>> h) { applications_impl(impl, std::move(h)); });
  }

  /// Ends the session at the portal and forgets its cookies and token.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_logout(Token&& token = {}) const {
    return detail::initiate<Done>(std::forward<Token>(token),
                                  [impl = impl_](ResultHandler<Done> h) { logout_impl(impl, std::move(h)); });
  }

 private:
  // A Session comes from Client::async_login; Application reaches its state.
  friend class Client;
  friend class Application;
  friend class Officer;
  friend class Certificates;
  friend class EOnay;
  using Impl = std::shared_ptr<detail::SessionImpl>;
  explicit Session(Impl impl) : impl_(std::move(impl)) {}
  [[nodiscard]] const Impl& impl() const noexcept { return impl_; }
  static void institutions_impl(Impl impl, ResultHandler<std::vector<Institution>> handler);
  static void phones_impl(Impl impl, ResultHandler<std::vector<RegisteredPhone>> handler);
  static void applications_impl(Impl impl, ResultHandler<std::vector<ApplicationInfo>> handler);
  static void institution_access_impl(Impl impl, SecretString access_code, ResultHandler<InstitutionAccess> handler);
  static void logout_impl(Impl impl, ResultHandler<Done> handler);

  Impl impl_;
};

/// An e-imza login begun at the e-Devlet gateway (step 4's second method):
/// the challenge to sign, and the login's own state, which stays inside.
/// Client::async_finish_signature_login ends it; nes::ESignLogin
/// (<nes/esign_login.hpp>) does both around a Signer.
class NES_EXPORT SignatureLogin {
 public:
  /// The exact bytes to sign: a detached CAdES-BES signature over them, by
  /// the person's NES, logs the person in.
  [[nodiscard]] const std::string& document() const noexcept;

 private:
  friend class Client;
  explicit SignatureLogin(std::shared_ptr<detail::SignatureLoginState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::SignatureLoginState> state_;
};

/// A portal and its transport: the entry point of the SDK. Cheap to copy; thread-safe.
class NES_EXPORT Client {
 public:
  /// The executor the client's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// A client over the SDK's HTTPS transport. On unusable options (no or a
  /// bad portal_url, an unreadable CA file, a bad proxy) returns nullopt,
  /// sets `ec` to errc::invalid_argument and says why in `detail`.
  static std::optional<Client> create(executor_type executor, const ClientOptions& options, error_code& ec,
                                      std::string* detail = nullptr);
  /// A client over any Transport (a nes::mocks::MockTransport in tests).
  /// The SDK's policies wrap it as they wrap its own transport: redirects
  /// (max_redirects), retries of requests safe to repeat (retry) and the
  /// redacted log (log, log_level); the rest of `options` is the transport's.
  static std::optional<Client> create(std::shared_ptr<Transport> transport, const ClientOptions& options,
                                      error_code& ec, std::string* detail = nullptr);

  /// The executor given at create().
  [[nodiscard]] executor_type get_executor() const;
  /// The portal, as scheme://host:port (the port always written): the form a
  /// Journal keys its entries by.
  [[nodiscard]] std::string portal_url() const;

  /// GET /api/v1/info (cached after the first answer).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_info(Token&& token = {}) const {
    return detail::initiate<PortalInfo>(std::forward<Token>(token),
                                        [impl = impl_](ResultHandler<PortalInfo> h) { info_impl(impl, std::move(h)); });
  }

  /// Fiyatlar: the fee table; needs no login.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_fees(Token&& token = {}) const {
    return detail::initiate<FeeTable>(std::forward<Token>(token),
                                      [impl = impl_](ResultHandler<FeeTable> h) { fees_impl(impl, std::move(h)); });
  }

  /// Borç Sorgulama: what the person `tckn` owes for their applications;
  /// needs no login (the portal limits it per person and address). A T.C.
  /// Kimlik No that is not valid completes with errc::validation_failed and a
  /// local problem; nothing is sent.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_debt(SecretString tckn, Token&& token = {}) const {
    return detail::initiate<DebtReport>(std::forward<Token>(token),
                                        [impl = impl_, tckn = std::move(tckn)](ResultHandler<DebtReport> h) mutable {
                                          debt_impl(impl, std::move(tckn), std::move(h));
                                        });
  }

  /// Steps 3–4: logs in at the e-Devlet gateway with PKCE, checks that the
  /// redirect carries this login's `state` (else errc::state_mismatch), and
  /// opens a portal session. Wrong credentials complete with
  /// errc::portal_refused and the problem invalid_credentials. Supports
  /// terminal cancellation.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_login(Credentials credentials, Token&& token = {}) const {
    return detail::initiate<Session>(std::forward<Token>(token),
                                     [impl = impl_, c = std::move(credentials)](ResultHandler<Session> h) mutable {
                                       login_impl(impl, std::move(c), std::move(h));
                                     });
  }

  /// e-imza login, its first half: begins a login at the gateway and asks
  /// for its challenge. errc::invalid_argument with the local problem
  /// e_signature_not_offered when the gateway offers passwords only.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_begin_signature_login(Token&& token = {}) const {
    return detail::initiate<SignatureLogin>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<SignatureLogin> h) { begin_signature_login_impl(impl, std::move(h)); });
  }

  /// e-imza login, its second half: the detached CMS (DER) over
  /// `login.document()` goes to the gateway, which checks it as an approval's
  /// signature is checked (its own code for each refusal: signature_invalid,
  /// signer_untrusted, signer_revoked, certificate_suspended,
  /// invalid_credentials for a holder it does not know), and the session
  /// opens as after a password. Never retried: a login request takes one
  /// signature.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_finish_signature_login(SignatureLogin login, std::string cms_der, Token&& token = {}) const {
    return detail::initiate<Session>(
        std::forward<Token>(token),
        [impl = impl_, l = std::move(login), cms = std::move(cms_der)](ResultHandler<Session> h) mutable {
          finish_signature_login_impl(impl, std::move(l), std::move(cms), std::move(h));
        });
  }

 private:
  using Impl = std::shared_ptr<detail::ClientImpl>;
  explicit Client(Impl impl) : impl_(std::move(impl)) {}
  static void info_impl(Impl impl, ResultHandler<PortalInfo> handler);
  static void fees_impl(Impl impl, ResultHandler<FeeTable> handler);
  static void debt_impl(Impl impl, SecretString tckn, ResultHandler<DebtReport> handler);
  static void login_impl(Impl impl, Credentials credentials, ResultHandler<Session> handler);
  static void begin_signature_login_impl(Impl impl, ResultHandler<SignatureLogin> handler);
  static void finish_signature_login_impl(Impl impl, SignatureLogin login, std::string cms_der,
                                          ResultHandler<Session> handler);

  Impl impl_;
};

}  // namespace nes
