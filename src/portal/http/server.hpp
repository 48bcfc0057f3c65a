#pragma once
// An HTTP/1.1 server on Beast: TLS 1.2+ (or plain HTTP when no TLS context is
// given), keep-alive, a deadline on every step, size limits, and a Router for
// the answers. Connections are coroutines on the caller's io_context; run it
// on several threads for a multi-threaded server (handlers must be
// thread-safe).

#include "portal/http/fault.hpp"
#include "portal/http/router.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>

namespace nes::portal::http {

struct ServerLimits {
  std::chrono::seconds handshake_timeout{10};
  std::chrono::seconds request_timeout{30};  ///< to read one request, and to write its answer
  std::chrono::seconds idle_timeout{60};     ///< between requests on a kept-alive connection
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
};

class Server {
 public:
  /// `tls` null means plain HTTP. `router` must outlive the server.
  Server(boost::asio::io_context& io, std::shared_ptr<boost::asio::ssl::context> tls, const Router& router,
         ServerLimits limits = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and listens; an error such as address_in_use comes back, nothing thrown.
  boost::system::error_code listen(const boost::asio::ip::tcp::endpoint& endpoint);
  /// The bound port (useful with port 0).
  [[nodiscard]] unsigned short port() const;
  /// Consulted for every request once set (before start); see http/fault.hpp.
  void set_fault_hook(FaultHook hook);
  /// Starts accepting connections.
  void start();
  /// Stops accepting; open connections end at their next deadline or when
  /// the io_context stops.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace nes::portal::http
