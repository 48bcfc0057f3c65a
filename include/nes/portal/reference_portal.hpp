#pragma once
// The reference portal in-process: an HTTPS server that speaks the NES
// application protocol (docs/protocol.md), for integration tests and the
// demo, as Pebble serves ACME clients. Runs on an ephemeral port by default.
//
// Work in progress (issue 3): the fee table and the e-Devlet gateway (OAuth2
// with PKCE) are served; portal sessions, the catalogue and applications follow.

#include <nes/error.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace nes::portal {

/// The SMS code rules the portal announces and enforces.
struct OtpPolicy {
  int length = 6;
  int valid_seconds = 180;
  int resend_after_seconds = 60;
  int max_tries = 3;
};

struct PortalOptions {
  /// host:port to listen on ("127.0.0.1:8443", "[::1]:0"); port 0 picks a free port.
  std::string listen = "127.0.0.1:0";
  /// The e-Devlet gateway's own listener; it is addressed as "localhost", the
  /// portal as 127.0.0.1, so that their cookies belong to different hosts.
  std::string gateway_listen = "127.0.0.1:0";
  /// The server's certificate chain and key (PEM). Both empty: a throw-away
  /// test CA and a localhost certificate are made at start.
  std::filesystem::path tls_certificate{};
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
  OtpPolicy otp{};
  /// Threads that serve requests.
  unsigned threads = 2;
};

class ReferencePortal {
 public:
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

  [[nodiscard]] unsigned short port() const;
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
  /// The state directory in use (empty before start).
  [[nodiscard]] std::filesystem::path data_directory() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nes::portal
