#pragma once
// How a Client reaches the portal: TLS trust, timeouts, retries, proxy,
// name overrides, connection reuse and logging. Every member has a safe
// default; only the portal's URL must be given.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <nes/export.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

enum class LogLevel { error, warning, info, debug, trace };

NES_EXPORT std::string_view to_string(LogLevel level) noexcept;

/// Receives the SDK's log lines. Lines are redacted before they get here:
/// only allow-listed headers and JSON members are shown; a T.C. Kimlik No,
/// a password, an SMS code, a cookie or a token never is. Called from the
/// thread that completes the operation; must not block for long.
using LogSink = std::function<void(LogLevel level, std::string_view line)>;

/// How the portal's TLS certificate is checked.
struct NES_EXPORT TlsOptions {
  /// Verify the portal's certificate and host name. Off only for throw-away
  /// experiments; the SDK logs a warning on every connection when it is off.
  bool verify_peer = true;
  /// Trust the system's CA store (/etc/ssl/certs).
  bool use_system_store = true;
  /// Extra trust anchors: PEM text, and a PEM file.
  std::vector<std::string> extra_ca_pem{};
  /// A CA file (PEM) trusted beside the others.
  std::filesystem::path extra_ca_file{};
  /// Optional pin: base64 SHA-256 of the leaf certificate's
  /// SubjectPublicKeyInfo (as in HPKP, `openssl ... | openssl dgst -sha256 -binary | base64`).
  std::string spki_sha256_pin{};
};

/// Deadlines of each step of a request.
struct NES_EXPORT Timeouts {
  /// Resolving the host name.
  std::chrono::milliseconds resolve{10'000};
  /// Connecting to one address.
  std::chrono::milliseconds connect{10'000};
  /// The TLS handshake.
  std::chrono::milliseconds tls_handshake{10'000};
  /// Writing one request and reading its whole answer.
  std::chrono::milliseconds request{30'000};
  /// How long an idle kept-alive connection is reused.
  std::chrono::milliseconds idle{30'000};
};

/// Retries of idempotent requests (and of the idempotency-keyed submit):
/// exponential backoff with full jitter, Retry-After honoured, all within
/// the total deadline of one operation.
struct NES_EXPORT RetryPolicy {
  /// Tries in all; 1: no retries.
  int max_attempts = 4;
  /// The wait before the first retry.
  std::chrono::milliseconds initial_backoff{200};
  /// The longest wait between retries.
  std::chrono::milliseconds max_backoff{5'000};
  /// How much each wait grows.
  double multiplier = 2.0;
  /// No retry starts after this much time since the first try.
  std::chrono::milliseconds total_deadline{60'000};
};

/// An HTTPS proxy (CONNECT), given or from the environment.
struct NES_EXPORT ProxyOptions {
  /// Read HTTPS_PROXY / https_proxy and NO_PROXY / no_proxy when the
  /// members below are empty.
  bool from_environment = true;
  /// "http://proxy.example:3128" (user:password@ allowed); the tunnel is HTTP CONNECT.
  std::string https_proxy{};
  /// Hosts reached directly: "localhost,.kamusm.gov.tr,10.0.0.0/8,*".
  std::string no_proxy{};
};

/// Everything a Client is configured with; every member has a safe default.
struct NES_EXPORT ClientOptions {
  /// The portal, e.g. "https://portal.example:8443".
  std::string portal_url{};
  /// The portal's certificate checks.
  TlsOptions tls{};
  /// The deadlines.
  Timeouts timeouts{};
  /// When and how often idempotent requests are retried.
  RetryPolicy retry{};
  /// The proxy.
  ProxyOptions proxy{};
  /// Name overrides like curl's --resolve: "host:port" → address.
  std::map<std::string, std::string> resolve{};
  /// Kept-alive connections per host and port.
  std::size_t max_connections_per_host = 4;
  /// Redirects followed at most, where a request follows them.
  int max_redirects = 5;
  /// Receives the SDK's redacted log lines (none when empty).
  LogSink log{};
  /// The most detailed level sent to `log`.
  LogLevel log_level = LogLevel::info;
  /// The User-Agent header.
  std::string user_agent = "nes-sdk";
};

}  // namespace nes
