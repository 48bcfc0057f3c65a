#pragma once
// Connections to one host and port, bounded: at most `max` in use at once
// (more exchanges wait their turn, in order), and up to `max` idle ones kept
// alive for reuse until the idle timeout.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "op/wakeup.hpp"

#include <nes/error.hpp>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace nes::net {

struct Connection {
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  /// Closing without close_notify would make OpenSSL mark the TLS session
  /// unresumable (SSL_free on an unfinished shutdown); a connection the SDK
  /// drops on purpose keeps its session usable.
  ~Connection();

  std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;
  std::unique_ptr<boost::beast::tcp_stream> plain;
  boost::beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since{};
  bool reused = false;  ///< served an exchange before this one

  boost::beast::tcp_stream& lowest() { return tls ? boost::beast::get_lowest_layer(*tls) : *plain; }
};

class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_per_host, std::chrono::milliseconds idle_timeout)
      : max_(max_per_host == 0 ? 1 : max_per_host), idle_timeout_(idle_timeout) {}

  /// Waits for a turn at `key` ("https://host:port"), up to `wait`. Sets
  /// `connection` to a kept-alive one when there is one (else null: connect
  /// anew). An error (timed_out, operation_aborted) means no turn was given.
  boost::asio::awaitable<error_code> acquire(const std::string& key, std::chrono::milliseconds wait,
                                             std::unique_ptr<Connection>& connection);
  /// Ends a turn; `connection`, when given, is kept for reuse.
  void release(const std::string& key, std::unique_ptr<Connection> connection);

 private:
  struct Waiter {
    std::shared_ptr<op::Wakeup> wakeup;
    bool granted = false;
  };
  struct Host {
    std::size_t active = 0;
    std::deque<std::shared_ptr<Waiter>> waiters;
    std::vector<std::unique_ptr<Connection>> idle;
  };
  std::unique_ptr<Connection> take_idle(Host& host);  // with mutex_ held

  std::size_t max_;
  std::chrono::milliseconds idle_timeout_;
  std::mutex mutex_;
  std::map<std::string, Host> hosts_;
};

}  // namespace nes::net
