// The SDK's HTTPS transport: Beast over OpenSSL, a bounded keep-alive pool
// per host, CONNECT tunnels through an HTTPS proxy, name overrides and a
// deadline on every step. One attempt per request: redirects, retries and the
// request log are the pipeline's, above any transport (net/pipeline.hpp). An
// attempt runs in the calling coroutine (deliver), or as a coroutine on its
// own strand (send).

#include "net/ascii.hpp"
#include "net/connection_pool.hpp"
#include "net/inline_transport.hpp"
#include "net/logger.hpp"
#include "net/proxy.hpp"
#include "net/request_head.hpp"
#include "net/response_reader.hpp"
#include "net/session_gate.hpp"
#include "net/tls_setup.hpp"
#include "net/url.hpp"
#include "op/exception_code.hpp"
#include "op/strand.hpp"

#include <nes/transport.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>  // the proxy tunnel

#include <openssl/ssl.h>

#include <algorithm>
#include <cctype>

namespace nes {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using net::iequals;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_body_bytes = 8 * 1024 * 1024;
// How long a new connection waits for the first one to a host to bring a TLS
// session to resume: a full handshake of its own costs about a millisecond of
// CPU, not worth a longer wait.
constexpr std::chrono::milliseconds max_wait_for_session{1000};

// A step's own error becomes the SDK's: deadlines, lost connections.
error_code map_io_error(const error_code& ec) {
  if (ec == beast::error::timeout) return errc::timed_out;
  if (ec == asio::error::operation_aborted) return ec;
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
      ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated ||
      ec == bhttp::error::partial_message) {
    return errc::connection_lost;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) return errc::protocol_error;
  return errc::connection_lost;
}

struct Attempt {
  error_code ec;
  HttpResponse response;
  bool maybe_processed = false;  ///< the request may have reached the server
  bool keep_alive = false;       ///< the connection may serve another exchange
};

net::Delivery delivered(Attempt attempt) { return {attempt.ec, std::move(attempt.response), attempt.maybe_processed}; }

class HttpsTransport final : public net::InlineTransport, public std::enable_shared_from_this<HttpsTransport> {
 public:
  HttpsTransport(asio::any_io_executor executor, const ClientOptions& options, std::shared_ptr<net::TlsSetup> tls,
                 net::ProxySettings proxy)
      : executor_(std::move(executor)),
        options_(options),
        tls_(std::move(tls)),
        proxy_(std::move(proxy)),
        pool_(options.max_connections_per_host, options.timeouts.idle),
        log_(options.log, options.log_level) {}

  [[nodiscard]] executor_type get_executor() const override { return executor_; }

  void send(HttpRequest request, Handler handler) override {
    auto strand = op::make_strand(executor_);
    // The completion goes to the caller's executor, and the caller's
    // cancellation slot reaches the coroutine's awaited operations.
    auto handler_executor = asio::get_associated_executor(handler, executor_);
    auto slot = asio::get_associated_cancellation_slot(handler);
    asio::co_spawn(
        strand, run(shared_from_this(), std::move(request)),
        asio::bind_cancellation_slot(
            slot, asio::bind_executor(handler_executor,
                                      [handler = std::move(handler)](std::exception_ptr error, Attempt result) mutable {
                                        if (error) result.ec = op::code_of(error);
                                        std::move(handler)(result.ec, std::move(result.response));
                                      })));
  }

  asio::awaitable<net::Delivery> deliver(const HttpRequest& request, const net::Url& url) override {
    const auto self = shared_from_this();  // alive for the whole exchange
    Attempt result;
    try {
      if (!sendable(request)) {
        result = Attempt{errc::invalid_argument, {}, false};
      } else {
        result = co_await attempt_once(request, url);
      }
    } catch (...) {
      result.ec = op::code_of(std::current_exception());
      result.maybe_processed = true;
    }
    co_return delivered(std::move(result));
  }

 private:
  // Keeps the transport alive for the whole exchange; the request lives in
  // this frame.
  static asio::awaitable<Attempt> run(std::shared_ptr<HttpsTransport> self, HttpRequest request) {
    const auto url = net::Url::parse(request.url);
    if (!url || !self->sendable(request)) co_return Attempt{errc::invalid_argument, {}, false};
    Attempt attempt = co_await self->attempt_once(request, *url);
    if (!attempt.ec) attempt.response.url = url->to_string();
    co_return attempt;
  }

  // A known method, and headers that can go on the wire as they are: checked
  // before a connection is taken for the request.
  [[nodiscard]] bool sendable(const HttpRequest& request) const {
    return bhttp::string_to_verb(request.method) != bhttp::verb::unknown &&
           net::is_sendable(request, options_.user_agent);
  }

  asio::awaitable<Attempt> attempt_once(const HttpRequest& request, const net::Url& url) {
    const std::string key = url.scheme + "://" + url.authority();
    std::unique_ptr<net::Connection> connection;
    if (const auto ec = co_await pool_.acquire(key, options_.timeouts.request, connection)) {
      co_return Attempt{ec, {}, false};
    }
    bool fresh = false;
    std::optional<net::SessionGate::Pioneer> pioneer;
    if (!connection) {
      fresh = true;
      error_code ec;
      if (url.secure() && !tls_->has_session(url.authority())) {
        bool waited = false;
        ec = co_await session_gate_.pass(url.authority(), max_wait_for_session, pioneer, waited);
        if (waited) {
          log_.write_lazily(LogLevel::debug, [&] {
            return "waited for the first connection to " + url.authority() + " to bring a TLS session to resume";
          });
        }
      }
      if (!ec) connection = co_await connect(url, ec);
      if (ec) {
        pool_.release(key, nullptr);
        co_return Attempt{ec, {}, false};
      }
    }
    Attempt attempt = co_await talk(*connection, request, url);
    if (pioneer && !attempt.ec && !tls_->has_session(url.authority())) session_gate_.gives_no_sessions(url.authority());
    pioneer.reset();  // its first answer has brought the TLS session, if the server gives one
    // A kept-alive connection the server had closed fails before any answer:
    // send once more on a fresh one, which is safe since nothing was read.
    if (attempt.ec == errc::connection_lost && !fresh && connection->reused && attempt.response.status == 0 &&
        !attempt.maybe_processed) {
      error_code ec;
      connection = co_await connect(url, ec);
      if (ec) {
        pool_.release(key, nullptr);
        co_return Attempt{ec, {}, false};
      }
      attempt = co_await talk(*connection, request, url);
    }
    const bool keep = !attempt.ec && attempt.keep_alive;
    pool_.release(key, keep ? std::move(connection) : nullptr);
    co_return attempt;
  }

  // One request and its answer on an open connection.
  asio::awaitable<Attempt> talk(net::Connection& connection, const HttpRequest& request, const net::Url& url) {
    auto wire = net::write_request(request, url, options_.user_agent);
    if (!wire) co_return Attempt{errc::invalid_argument, {}, false};
    connection.lowest().expires_after(options_.timeouts.request);
    error_code ec;
    if (connection.tls) {
      std::tie(ec, std::ignore) = co_await asio::async_write(*connection.tls, asio::buffer(*wire), use_tuple);
    } else {
      std::tie(ec, std::ignore) = co_await asio::async_write(*connection.plain, asio::buffer(*wire), use_tuple);
    }
    secure_wipe(wire->data(), wire->size());
    if (ec) co_return Attempt{map_io_error(ec), {}, false};
    net::ResponseReader reader(max_body_bytes);
    if (connection.tls) {
      std::tie(ec, std::ignore) = co_await bhttp::async_read(*connection.tls, connection.buffer, reader, use_tuple);
    } else {
      std::tie(ec, std::ignore) = co_await bhttp::async_read(*connection.plain, connection.buffer, reader, use_tuple);
    }
    // The request was written: from here on the server may have acted on it.
    if (ec) co_return Attempt{map_io_error(ec), {}, ec != bhttp::error::end_of_stream};
    const bool keep_alive = reader.keep_alive();
    HttpResponse response = reader.take();
    co_return Attempt{{}, std::move(response), true, keep_alive};
  }

  asio::awaitable<std::unique_ptr<net::Connection>> connect(const net::Url& url, error_code& ec) {
    auto executor = op::make_strand(executor_);
    auto connection = std::make_unique<net::Connection>();
    const auto via = url.secure() ? proxy_.for_target(url) : std::nullopt;
    const std::string host = via ? via->host : url.host;
    const unsigned short port = via ? via->port : url.port;
    tcp::resolver::results_type endpoints;
    if (const auto found = options_.resolve.find(url.host + ":" + std::to_string(url.port));
        !via && found != options_.resolve.end()) {
      error_code bad;
      const auto address = asio::ip::make_address(found->second, bad);
      if (bad) {
        ec = errc::invalid_argument;
        co_return nullptr;
      }
      endpoints = tcp::resolver::results_type::create(tcp::endpoint(address, url.port), url.host, "");
    } else {
      tcp::resolver resolver(executor);
      asio::steady_timer timer(executor, options_.timeouts.resolve);
      bool expired = false;
      timer.async_wait([&resolver, &expired](const error_code& e) {
        if (!e) {
          expired = true;
          resolver.cancel();
        }
      });
      error_code resolve_error;
      std::tie(resolve_error, endpoints) = co_await resolver.async_resolve(host, std::to_string(port), use_tuple);
      timer.cancel();
      if (resolve_error) {
        ec = expired                                           ? error_code(errc::timed_out)
             : resolve_error == asio::error::operation_aborted ? resolve_error
                                                               : error_code(errc::connection_failed);
        co_return nullptr;
      }
    }
    beast::tcp_stream stream(executor);
    stream.expires_after(options_.timeouts.connect);
    auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, use_tuple);
    if (connect_error) {
      ec = connect_error == beast::error::timeout            ? error_code(errc::timed_out)
           : connect_error == asio::error::operation_aborted ? connect_error
                                                             : error_code(errc::connection_failed);
      co_return nullptr;
    }
    (void)endpoint;
    if (via) {
      ec = co_await tunnel(stream, url, *via);
      if (ec) co_return nullptr;
    }
    if (!url.secure()) {
      connection->plain = std::make_unique<beast::tcp_stream>(std::move(stream));
      co_return connection;
    }
    connection->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(std::move(stream), tls_->context());
    SSL* ssl = connection->tls->native_handle();
    tls_->prepare(ssl, url.host, url.authority());
    connection->lowest().expires_after(options_.timeouts.tls_handshake);
    auto [handshake_error] = co_await connection->tls->async_handshake(asio::ssl::stream_base::client, use_tuple);
    if (handshake_error) {
      ec = handshake_error == beast::error::timeout            ? error_code(errc::timed_out)
           : handshake_error == asio::error::operation_aborted ? handshake_error
                                                               : net::TlsSetup::classify_failure(ssl, handshake_error);
      log_.write_lazily(LogLevel::warning, [&] { return "TLS with " + url.authority() + " failed: " + ec.message(); });
      co_return nullptr;
    }
    if (const auto pin = tls_->check_pin(ssl)) {
      ec = pin;
      co_return nullptr;
    }
    if (!tls_->verifies()) {
      log_.write(LogLevel::warning, "TLS verification is off: the server " + url.authority() + " is not checked");
    }
    log_.write_lazily(LogLevel::debug, [&] {
      return std::string("connected to ") + url.authority() + (via ? " through the proxy" : "") + ", " +
             SSL_get_version(ssl) + (net::TlsSetup::resumed(ssl) ? ", session resumed" : ", new session");
    });
    co_return connection;
  }

  // HTTP CONNECT through the proxy (RFC 9110 §9.3.6).
  asio::awaitable<error_code> tunnel(beast::tcp_stream& stream, const net::Url& url, const net::ProxyEndpoint& via) {
    bhttp::request<bhttp::empty_body> req{bhttp::verb::connect, url.authority(), 11};
    req.set(bhttp::field::host, url.authority());
    if (!via.authorization.empty()) req.set(bhttp::field::proxy_authorization, via.authorization.reveal());
    stream.expires_after(options_.timeouts.connect);
    auto [write_error, written] = co_await bhttp::async_write(stream, req, use_tuple);
    (void)written;
    if (write_error) co_return errc::proxy_failed;
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);  // a 200 to CONNECT has no body, whatever its headers say
    auto [read_result, read] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    (void)read;
    const error_code read_error = read_result;  // a lambda below uses it; clang 14 cannot capture a binding
    if (read_error || parser.get().result_int() / 100 != 2 || buffer.size() != 0) {
      log_.write_lazily(LogLevel::warning, [&] {
        return "the proxy refused the tunnel to " + url.authority() + ": " +
               (read_error ? read_error.message() : "HTTP " + std::to_string(parser.get().result_int()));
      });
      co_return errc::proxy_failed;
    }
    co_return error_code{};
  }

  asio::any_io_executor executor_;
  ClientOptions options_;
  std::shared_ptr<net::TlsSetup> tls_;
  net::ProxySettings proxy_;
  net::ConnectionPool pool_;
  net::SessionGate session_gate_;
  net::Logger log_;
};

}  // namespace

std::string_view HttpResponse::header(std::string_view name) const noexcept {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

std::vector<std::string_view> HttpResponse::all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& h : headers) {
    if (iequals(h.name, name)) out.emplace_back(h.value);
  }
  return out;
}

std::shared_ptr<net::InlineTransport> net::make_inline_https_transport(asio::any_io_executor executor,
                                                                       const ClientOptions& options, error_code& ec,
                                                                       std::string* detail) {
  std::string problem;
  auto tls = net::TlsSetup::make(options.tls, problem);
  auto proxy = tls ? net::ProxySettings::from(options.proxy, problem) : std::nullopt;
  if (!tls || !proxy) {
    ec = errc::invalid_argument;
    if (detail != nullptr) *detail = problem;
    return nullptr;
  }
  ec = {};
  return std::make_shared<HttpsTransport>(std::move(executor), options, std::move(tls), std::move(*proxy));
}

std::shared_ptr<Transport> make_https_transport(asio::any_io_executor executor, const ClientOptions& options,
                                                error_code& ec, std::string* detail) {
  return net::make_inline_https_transport(std::move(executor), options, ec, detail);
}

}  // namespace nes
