#pragma once
// The reference portal in-process: an HTTPS server that speaks the NES
// application protocol (docs/protocol.md), for integration tests and the
// demo, as Pebble serves ACME clients. Runs on an ephemeral port by default.
//

#include <nes/error.hpp>
#include <nes/secret.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace nes::portal {

/// The SMS code rules the portal announces and enforces.
struct OtpPolicy {
  /// Digits of a code.
  int length = 6;
  /// How long a code is accepted, in seconds.
  int valid_seconds = 180;
  /// Seconds before a new code may be asked for.
  int resend_after_seconds = 60;
  /// Wrong tries before a code locks.
  int max_tries = 3;
};

/// One SMS the portal sends: a code for an application.
struct SmsMessage {
  std::string phone;  ///< E.164
  /// The code sent.
  SecretString code;
  /// The application it is for, or the confirmation ("cnf_…") of a change
  /// to a certificate (docs/protocol.md, "After the application").
  std::string application;
  std::string at;  ///< RFC 3339, UTC
};

/// Where SMS codes go. Called on a server thread; must be thread-safe.
using SmsSink = std::function<void(const SmsMessage&)>;

/// One e-mail the portal sends: the access code of an institution-paid
/// application (*Başvuru Formu Erişim Parolası*) to the work address the
/// institution's officer gave.
struct EmailMessage {
  std::string to;  ///< the work e-mail address
  /// The access code, "XXXXX-XXXXX".
  SecretString access_code;
  /// The institution's catalogue id.
  std::string institution;
  /// The officer's request it belongs to ("req_…").
  std::string request;
  std::string at;  ///< RFC 3339, UTC
};

/// Where e-mails go. Called on a server thread; must be thread-safe.
using EmailSink = std::function<void(const EmailMessage&)>;

/// Fixed-window limits per T.C. Kimlik No and per client address; 0 turns a
/// limit off. Over a limit, requests get 429 rate_limited with Retry-After.
struct RateLimits {
  /// The window the counts below are kept over, in seconds.
  int window_seconds = 60;
  int logins_per_person = 10;  ///< credential posts at the gateway
  /// Login attempts per client address and window.
  int logins_per_address = 300;
  int sms_per_person = 20;  ///< codes sent (submission, resend) and codes tried
  /// SMS codes sent or tried per client address and window.
  int sms_per_address = 600;
  /// Debt inquiries per T.C. Kimlik No and window.
  int debt_inquiries_per_person = 10;
  /// Debt inquiries per client address and window.
  int debt_inquiries_per_address = 60;
};

/// Fault injection in the manner of Pebble: off by default (all rates 0),
/// each a probability per request to the portal's /api/ paths (the gateway
/// and the admin API are spared). Seeded for reproducible runs.
struct FaultOptions {
  std::uint64_t seed = 0;   ///< 0: a random seed
  double latency_rate = 0;  ///< add latency_ms before answering
  /// The delay added to the delayed requests, in milliseconds.
  int latency_ms = 0;
  double reset_rate = 0;        ///< close the connection without an answer, before or after handling
  double unavailable_rate = 0;  ///< 503 unavailable with Retry-After, unhandled
  /// The Retry-After of the injected 503 answers, in seconds.
  int retry_after_seconds = 1;
  double csrf_reject_rate = 0;  ///< 403 csrf_rejected for a right token (a new one comes back)

  /// True when any fault is injected.
  [[nodiscard]] bool any() const noexcept {
    return latency_rate > 0 || reset_rate > 0 || unavailable_rate > 0 || csrf_reject_rate > 0;
  }
};

/// The signature profile e-imza approvals must follow, as /api/v1/info tells it.
struct SignatureProfileOptions {
  /// "P2", "P3" or "P4" (BTK's Elektronik İmza Kullanım Profilleri: the
  /// signature names the profile's policy OID and the digest of its
  /// document, and the commitment proof of approval), or "BES" (CAdES-BES).
  std::string profile = "P2";
  /// The policy document whose SHA-256 digest signatures must name. Empty:
  /// the demo's stand-in (examples/portal/signature-policy-standin.txt),
  /// which says that it is not BTK's document; a deployment configures the
  /// real one.
  std::filesystem::path policy_document{};
  /// Trust anchors (PEM files) of the TSAs whose signature-time-stamps are
  /// accepted; the portal's own generated TSA's CA is trusted besides. P2-P4
  /// need at least one: their signatures must be time-stamped (CAdES-T).
  std::vector<std::filesystem::path> time_stamp_ca{};
  /// Trust anchors (PEM text) of such TSAs.
  std::vector<std::string> time_stamp_ca_pem{};
};

/// The time-stamping authority the portal serves at POST /tsa, with Kamu SM's
/// conventions (the `identity` header, a credit per subscriber, refusals as
/// HTTP 200 text).
struct TimestampOptions {
  /// The TSA's certificate chain (PEM, extendedKeyUsage timeStamping) and
  /// key. Both empty: a throw-away TSA CA and certificate are made at start.
  std::filesystem::path certificate{};
  /// The TSA's private key (PEM), with `certificate`.
  std::filesystem::path private_key{};
  /// The subscribers (JSON, docs/portal.md); empty: the demo subscribers
  /// (examples/portal/tsa-subscribers.json).
  std::filesystem::path subscribers{};
  /// The policy OID its tokens name: ETSI EN 319 421's best-practices
  /// time-stamp policy by default.
  std::string policy = "0.4.0.2023.1.1";
};

/// The e-imza CA whose certificates' status the portal publishes, as Kamu
/// SM's depo and OCSP services do: a CRL at crl_url() and OCSP answers at
/// ocsp_url(), signed by a responder certificate the portal makes for the
/// CA. The portal's own generated TSA CA is always published besides
/// (timestamp_crl_url(), the same OCSP URL).
struct CertificateStatusOptions {
  /// The CA's certificate (PEM file); with `ca_private_key`. Empty, and no
  /// PEM text given: no e-imza CA's status is published.
  std::filesystem::path ca_certificate{};
  /// The CA's private key (PEM file).
  std::filesystem::path ca_private_key{};
  /// The CA's certificate as PEM text, for in-process callers.
  std::string ca_certificate_pem{};
  /// The CA's private key as PEM text; wiped with the options.
  SecretString ca_private_key_pem{};
};

/// Everything the reference portal runs with; the defaults make the demo portal.
struct PortalOptions {
  /// host:port to listen on ("127.0.0.1:8443", "[::1]:0"); port 0 picks a free port.
  std::string listen = "127.0.0.1:0";
  /// The e-Devlet gateway's own listener; it is addressed as "localhost", the
  /// portal as 127.0.0.1, so that their cookies belong to different hosts.
  std::string gateway_listen = "127.0.0.1:0";
  /// The server's certificate chain and key (PEM). Both empty: a throw-away
  /// test CA and a localhost certificate are made at start.
  std::filesystem::path tls_certificate{};
  /// The TLS private key (PEM), with `tls_certificate`.
  std::filesystem::path tls_private_key{};
  /// Plain HTTP instead of TLS; for local experiments only.
  bool insecure_http = false;
  /// The fee table (JSON, see docs/portal.md); empty: the demo fee table.
  std::filesystem::path fee_table{};
  /// The state directory (SQLite database, lock). Empty: a fresh temporary
  /// directory, removed at stop. A directory in use by another portal is refused.
  std::filesystem::path data_directory{};
  /// The personnel registry (JSON, see docs/portal.md); empty: the demo registry.
  std::filesystem::path registry{};
  /// The institution catalogue (JSON, docs/form-schema.md); empty: the demo
  /// catalogue (examples/forms/catalogue.json).
  std::filesystem::path catalogue{};
  /// The SMS codes' policy.
  OtpPolicy otp{};
  /// How long a portal session lasts after login.
  int session_ttl_seconds = 1800;
  /// SMS codes are appended as JSON lines {"phone", "code", "application",
  /// "at"} to this file when given (a test sink: it holds live codes).
  std::filesystem::path sms_outbox{};
  /// SMS codes are also given to this callback when set (in-process tests).
  SmsSink sms_sink{};
  /// E-mails (access codes) are appended as JSON lines {"to", "access_code",
  /// "institution", "request", "at"} to this file when given (a test sink).
  std::filesystem::path email_outbox{};
  /// E-mails are also given to this callback when set (in-process tests).
  EmailSink email_sink{};
  /// Trust anchors for e-imza signer certificates (PEM files, and PEM text).
  /// With none, every e-imza approval is refused as signer_untrusted.
  std::vector<std::filesystem::path> trust_ca{};
  /// Trust anchors (PEM) of e-imza signer certificates.
  std::vector<std::string> trust_ca_pem{};
  /// What e-imza approvals must be signed to.
  SignatureProfileOptions signature{};
  /// The time-stamping authority.
  TimestampOptions timestamp{};
  /// The CRL and OCSP answers the portal publishes.
  CertificateStatusOptions certificate_status{};
  /// Bearer token of the admin API (/admin/v1); empty: the admin API is off.
  SecretString admin_token{};
  /// The rate limits.
  RateLimits rate_limits{};
  /// The faults injected (none by default).
  FaultOptions faults{};
  /// Threads that serve requests.
  unsigned threads = 2;
};

/// The reference portal in process, for tests and the demo: the portal and its e-Devlet gateway on loopback.
class ReferencePortal {
 public:
  /// A portal with `options`; start() serves it.
  explicit ReferencePortal(PortalOptions options = {});
  ~ReferencePortal();
  ReferencePortal(const ReferencePortal&) = delete;
  ReferencePortal& operator=(const ReferencePortal&) = delete;

  /// Starts serving. On failure (address in use, an unreadable certificate
  /// or fee table, a data directory in use) nothing is served, nothing stays
  /// held, the error comes back and `detail`, when given, says what went
  /// wrong. A stopped portal can be started again; a running one cannot.
  error_code start(std::string* detail = nullptr);
  /// Stops serving and joins the threads; also done by the destructor.
  void stop();

  /// The portal's port, once started.
  [[nodiscard]] unsigned short port() const;
  /// The gateway's port, once started.
  [[nodiscard]] unsigned short gateway_port() const;
  /// "https://localhost:PORT": where clients start an e-Devlet login.
  [[nodiscard]] std::string gateway_url() const;
  /// The redirect URI registered with the gateway for the portal.
  [[nodiscard]] std::string redirect_uri() const;
  /// "https://127.0.0.1:PORT" (or http:// with insecure_http).
  [[nodiscard]] std::string base_url() const;
  /// The generated test CA (PEM) that clients must trust; empty when the
  /// certificate came from files or with insecure_http.
  [[nodiscard]] const std::string& ca_certificate_pem() const;
  /// "https://127.0.0.1:PORT/tsa": the time-stamping authority.
  [[nodiscard]] std::string timestamp_url() const;
  /// The CA (PEM) of the generated TSA certificate, which time-stamp clients
  /// must trust; empty when the certificate came from files.
  [[nodiscard]] const std::string& timestamp_ca_pem() const;
  /// "https://127.0.0.1:PORT/ocsp": the OCSP responder (RFC 6960, POST) for
  /// the e-imza CA and the generated TSA CA.
  [[nodiscard]] std::string ocsp_url() const;
  /// "https://127.0.0.1:PORT/pki/esign.crl": the e-imza CA's CRL, when one
  /// is configured (CertificateStatusOptions).
  [[nodiscard]] std::string crl_url() const;
  /// "https://127.0.0.1:PORT/pki/tsa.crl": the generated TSA CA's CRL.
  [[nodiscard]] std::string timestamp_crl_url() const;
  /// Revokes the certificate with `serial` (hexadecimal) of the e-imza CA
  /// (`authority` "esign") or of the generated TSA CA ("tsa") now, with the
  /// RFC 5280 reason `reason` ("keyCompromise"), as the admin API's POST
  /// /admin/v1/revocations does. A revocation is final; a second one keeps
  /// the first. invalid_argument, with `detail` when given, for a bad serial
  /// or reason, an authority not served, or a portal not started.
  error_code revoke_certificate(const std::string& authority, const std::string& serial,
                                const std::string& reason = "unspecified", std::string* detail = nullptr);
  /// The state directory in use (empty before start).
  [[nodiscard]] std::filesystem::path data_directory() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nes::portal
