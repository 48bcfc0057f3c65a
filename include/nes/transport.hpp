#pragma once
// The HTTP exchange under every SDK operation, as an interface: the SDK's
// own HTTPS transport implements it (make_https_transport), and a user's
// tests can put a mock in its place (nes::mocks, <nes/mocks/transport.hpp>).
// A transport makes one attempt per request: the client's policies above it
// follow redirects, retry what is safe to repeat and log, whichever transport
// is below (docs/client.md). No Beast or OpenSSL type appears here.

#include <nes/client_options.hpp>
#include <nes/error.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

/// One HTTP header.
struct NES_EXPORT HttpHeader {
  /// The header's name.
  std::string name;
  /// The header's value.
  std::string value;
};

/// An aggregate: on GCC 12, pass a named request to async_send inside a
/// co_await, not a braced temporary (ADR 0002).
struct NES_EXPORT HttpRequest {
  /// The HTTP method.
  std::string method = "GET";
  std::string url;  ///< absolute: "https://portal.example/api/v1/info"
  /// The request's headers (Host, Content-Length and cookies are the transport's).
  std::vector<HttpHeader> headers{};
  SecretString body{};  ///< may hold a password or a code
  /// Safe to send again after a failure that may have reached the server: a
  /// GET, or a submission carrying an Idempotency-Key. Only these are retried.
  bool idempotent = false;
  /// Follow 301/302/303/307/308 (bounded by ClientOptions::max_redirects).
  /// Off where the redirect itself is the answer (the gateway's code).
  bool follow_redirects = false;
};

/// An HTTP answer.
struct NES_EXPORT HttpResponse {
  /// The status code.
  int status = 0;
  /// The answer's headers.
  std::vector<HttpHeader> headers{};
  SecretString body{};  ///< may hold personal data
  std::string url{};    ///< where the answer came from, after redirects

  /// The first header of that name (case-insensitive), or empty.
  [[nodiscard]] std::string_view header(std::string_view name) const noexcept;
  /// Every header of that name, in order (Set-Cookie comes several times).
  [[nodiscard]] std::vector<std::string_view> all(std::string_view name) const;
};

/// How a Client sends a request: HTTPS by default, or the caller's (a mock in tests).
class NES_EXPORT Transport {
 public:
  /// The executor the transport's operations run on.
  using executor_type = boost::asio::any_io_executor;
  /// The completion signature of send().
  using Signature = void(error_code, HttpResponse);
  /// The handler send() completes.
  using Handler = boost::asio::any_completion_handler<Signature>;

  virtual ~Transport() = default;

  /// The executor its operations complete on.
  [[nodiscard]] virtual executor_type get_executor() const = 0;

  /// Sends `request` once and completes with the answer, whatever its status
  /// (a redirect too); an error_code only when no answer came (nes::errc
  /// transport codes, or asio::error::operation_aborted after cancellation).
  /// errc::connection_failed says nothing was sent; after any other error
  /// the request may have reached the server. Supports per-operation
  /// cancellation of type terminal.
  template <BOOST_ASIO_COMPLETION_TOKEN_FOR(Signature) Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_send(HttpRequest request, Token&& token = boost::asio::default_completion_token_t<executor_type>()) {
    return boost::asio::async_initiate<Token, Signature>(
        [this](auto handler, HttpRequest r) { send(std::move(r), Handler(std::move(handler))); }, token,
        std::move(request));
  }

  /// The one operation an implementation provides; completes `handler`
  /// exactly once, never inline.
  virtual void send(HttpRequest request, Handler handler) = 0;
};

/// The SDK's HTTPS transport (Beast and OpenSSL) on `executor`. On unusable
/// options (an unreadable CA file, a bad proxy) returns null, sets `ec` to
/// errc::invalid_argument and says why in `detail`.
NES_EXPORT std::shared_ptr<Transport> make_https_transport(boost::asio::any_io_executor executor,
                                                           const ClientOptions& options, error_code& ec,
                                                           std::string* detail = nullptr);

}  // namespace nes
