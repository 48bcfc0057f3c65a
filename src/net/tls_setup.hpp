#pragma once
// The client's TLS: a context with TLS 1.2+, the trust anchors of
// TlsOptions, session resumption by host (a client-side session cache fed
// by OpenSSL's new-session callback), the SPKI pin, and the mapping of
// handshake failures onto nes::errc.

#include <nes/client_options.hpp>
#include <nes/error.hpp>

#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

struct ssl_st;
struct ssl_session_st;

namespace nes::net {

class TlsSetup {
 public:
  /// Null with `detail` when the options are unusable (an unreadable CA
  /// file, a pin that is not base64 SHA-256).
  static std::shared_ptr<TlsSetup> make(const TlsOptions& options, std::string& detail);
  ~TlsSetup();
  TlsSetup(const TlsSetup&) = delete;
  TlsSetup& operator=(const TlsSetup&) = delete;

  [[nodiscard]] boost::asio::ssl::context& context() noexcept { return context_; }
  [[nodiscard]] bool verifies() const noexcept { return options_.verify_peer; }

  /// Before the handshake: SNI, the host name (or IP address) to verify, and
  /// a cached session for `session_key` ("host:port") when there is one.
  void prepare(ssl_st* ssl, const std::string& host, const std::string& session_key);
  /// After a handshake failure: the nes::errc it means.
  [[nodiscard]] static error_code classify_failure(ssl_st* ssl, const error_code& handshake_error);
  /// After the handshake: the pin, when one is set.
  [[nodiscard]] error_code check_pin(ssl_st* ssl) const;
  [[nodiscard]] static bool resumed(ssl_st* ssl);
  /// Whether a session for `session_key` is cached, to resume.
  [[nodiscard]] bool has_session(const std::string& session_key);

 private:
  explicit TlsSetup(TlsOptions options);
  static int on_new_session(ssl_st* ssl, ssl_session_st* session);

  TlsOptions options_;
  boost::asio::ssl::context context_;
  std::mutex mutex_;
  std::map<std::string, ssl_session_st*> sessions_;
};

}  // namespace nes::net
