#include "portal/http/server.hpp"

#include "portal/http/problem.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <array>
#include <cstdio>
#include <random>

namespace nes::portal::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// "req_" + a per-server random prefix + a counter: unique, and says nothing
// about the request.
class RequestIds {
 public:
  RequestIds() : prefix_(std::random_device{}()) {}
  std::string next() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "req_%08x%08llx", prefix_, static_cast<unsigned long long>(++counter_));
    return buf;
  }

 private:
  unsigned prefix_;
  std::atomic<std::uint64_t> counter_{0};
};

// A TCP reset: linger 0 and close, no TLS close_notify, no FIN.
void reset(tcp::socket& socket) {
  error_code ignored;
  socket.set_option(tcp::socket::linger(true, 0), ignored);
  socket.close(ignored);
}

Response error_response(const Request& request, bhttp::status status, std::string_view code, std::string_view title,
                        const std::string& request_id) {
  RequestContext ctx{request, {}, {}, {}, {}, request_id};
  Response res = problem_response(ctx, status, code, title);
  res.keep_alive(false);
  return res;
}

}  // namespace

struct Server::State : std::enable_shared_from_this<Server::State> {
  State(asio::io_context& io_context, std::shared_ptr<asio::ssl::context> tls_context, const Router& routes,
        ServerLimits server_limits)
      : io(io_context),
        tls(std::move(tls_context)),
        router(routes),
        limits(server_limits),
        acceptor(asio::make_strand(io_context)) {}

  asio::io_context& io;
  std::shared_ptr<asio::ssl::context> tls;
  const Router& router;
  ServerLimits limits;
  // On a strand of its own: the accept loop and stop(), posted from any
  // thread and maybe twice (stop() and the destructor), never run at once.
  tcp::acceptor acceptor;
  RequestIds ids;
  FaultHook faults;

  Response answer(Request& request, const asio::ip::address& client) {
    const std::string_view target = request.target();
    const auto question = target.find('?');
    RequestContext ctx{request,
                       target.substr(0, question),
                       question == std::string_view::npos ? std::string_view{} : target.substr(question + 1),
                       {},
                       client,
                       ids.next()};
    try {
      return router.dispatch(ctx);
    } catch (const std::exception&) {
      // No detail to the client; the request id ties it to the server's side.
      return problem_response(ctx, bhttp::status::internal_server_error, "internal", "Internal error");
    }
  }

  // A lingering close: after refusing a request whose body is still on its
  // way, read and discard it for a while, so that closing does not reset
  // the connection before the client has read the refusal.
  template <class Stream>
  asio::awaitable<void> drain(Stream& stream) {
    constexpr std::size_t max_drain_bytes = 16 * 1024 * 1024;
    constexpr auto max_drain_time = std::chrono::seconds(2);
    beast::get_lowest_layer(stream).expires_after(max_drain_time);
    std::array<char, 64 * 1024> sink{};
    std::size_t drained = 0;
    while (drained < max_drain_bytes) {
      auto [error, n] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
      if (error) break;
      drained += n;
    }
  }

  // Reads requests and writes answers until the peer closes, a deadline
  // passes, or a request cannot be read.
  template <class Stream>
  asio::awaitable<void> serve(Stream& stream, const asio::ip::address& client) {
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
      beast::get_lowest_layer(stream).expires_after(first ? limits.request_timeout : limits.idle_timeout);
      first = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
      parser.body_limit(limits.max_body_bytes);
      auto [read_error, read_bytes] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      (void)read_bytes;
      if (read_error) {
        // The peer closed between or during requests, reset, or went quiet:
        // nothing to answer. A request that cannot be read gets one answer.
        const bool http_error = read_error.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
        if (!http_error || read_error == bhttp::error::end_of_stream || read_error == bhttp::error::partial_message) {
          co_return;
        }
        Response refusal;
        if (read_error == bhttp::error::body_limit) {
          refusal = error_response(parser.get(), bhttp::status::payload_too_large, "payload_too_large",
                                   "Request body too large", ids.next());
        } else if (read_error == bhttp::error::header_limit) {
          refusal = error_response(parser.get(), bhttp::status::request_header_fields_too_large, "headers_too_large",
                                   "Request headers too large", ids.next());
        } else {
          refusal = error_response(parser.get(), bhttp::status::bad_request, "invalid_request",
                                   "Malformed HTTP request", ids.next());
        }
        beast::get_lowest_layer(stream).expires_after(limits.request_timeout);
        auto [refusal_error, refusal_bytes] = co_await bhttp::async_write(stream, refusal, use_tuple);
        (void)refusal_bytes;
        if (!refusal_error) co_await drain(stream);
        co_return;
      }
      Request request = parser.release();
      // RFC 9112, section 3.2: an HTTP/1.1 request has exactly one Host
      // field, and no request has two; anything else is answered 400 and
      // the connection closed.
      const auto hosts =
          std::distance(request.equal_range(bhttp::field::host).first, request.equal_range(bhttp::field::host).second);
      if (hosts > 1 || (hosts == 0 && request.version() >= 11)) {
        Response refusal = error_response(request, bhttp::status::bad_request, "invalid_request",
                                          "A request needs exactly one Host header", ids.next());
        refusal.keep_alive(false);
        beast::get_lowest_layer(stream).expires_after(limits.request_timeout);
        auto [refusal_error, refusal_bytes] = co_await bhttp::async_write(stream, refusal, use_tuple);
        (void)refusal_bytes;
        if (!refusal_error) co_await drain(stream);
        co_return;
      }
      const Fault fault = faults ? faults(request) : Fault{};
      if (fault.latency.count() > 0) {
        asio::steady_timer timer(co_await asio::this_coro::executor, fault.latency);
        co_await timer.async_wait(use_tuple);
      }
      if (fault.kind == Fault::Kind::reset_before) {
        reset(beast::get_lowest_layer(stream).socket());
        co_return;
      }
      Response response;
      if (fault.kind == Fault::Kind::unavailable) {
        response = error_response(request, bhttp::status::service_unavailable, "unavailable",
                                  "Service temporarily unavailable", ids.next());
        response.set(bhttp::field::retry_after, std::to_string(fault.retry_after_seconds));
        response.keep_alive(request.keep_alive());
      } else {
        response = answer(request, client);
      }
      if (fault.kind == Fault::Kind::reset_after) {
        reset(beast::get_lowest_layer(stream).socket());
        co_return;
      }
      const bool keep_alive = response.keep_alive();
      beast::get_lowest_layer(stream).expires_after(limits.request_timeout);
      auto [write_error, written] = co_await bhttp::async_write(stream, response, use_tuple);
      (void)written;
      if (write_error || !keep_alive) co_return;
    }
  }

  asio::awaitable<void> connection(tcp::socket socket) {
    error_code ignored;
    const auto client = socket.remote_endpoint(ignored).address();
    if (!tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await serve(stream, client);
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
    beast::get_lowest_layer(stream).expires_after(limits.handshake_timeout);
    auto [handshake_error] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (handshake_error) co_return;
    co_await serve(stream, client);
    beast::get_lowest_layer(stream).expires_after(limits.handshake_timeout);
    co_await stream.async_shutdown(use_tuple);  // a peer that just closes is fine too
  }

  asio::awaitable<void> accept_loop() {
    auto self = shared_from_this();
    for (;;) {
      // Each connection on its own strand: with several threads running the
      // io_context, a stream's timer and its I/O must not run at once.
      auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io), use_tuple);
      if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (error) continue;  // e.g. too many open files: keep serving the others
      const auto executor = socket.get_executor();
      asio::co_spawn(
          executor, [self, s = std::move(socket)]() mutable { return self->connection(std::move(s)); }, asio::detached);
    }
  }
};

Server::Server(asio::io_context& io, std::shared_ptr<asio::ssl::context> tls, const Router& router, ServerLimits limits)
    : state_(std::make_shared<State>(io, std::move(tls), router, limits)) {}

Server::~Server() { stop(); }

error_code Server::listen(const tcp::endpoint& endpoint) {
  error_code ec;
  auto& acceptor = state_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec)) return ec;
  if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec)) return ec;
  if (acceptor.bind(endpoint, ec)) return ec;
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) return ec;
  return {};
}

unsigned short Server::port() const {
  error_code ec;
  return state_->acceptor.local_endpoint(ec).port();
}

void Server::set_fault_hook(FaultHook hook) { state_->faults = std::move(hook); }

void Server::start() {
  auto state = state_;
  asio::co_spawn(
      state->acceptor.get_executor(), [state] { return state->accept_loop(); }, asio::detached);
}

void Server::stop() {
  auto state = state_;
  asio::post(state->acceptor.get_executor(), [state] {
    error_code ignored;
    state->acceptor.close(ignored);
  });
}

}  // namespace nes::portal::http
