#include "net/connection_pool.hpp"

#include <boost/asio/this_coro.hpp>

#include <algorithm>

#include <openssl/ssl.h>

namespace nes::net {

namespace asio = boost::asio;

Connection::~Connection() {
  if (tls) SSL_set_shutdown(tls->native_handle(), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

std::unique_ptr<Connection> ConnectionPool::take_idle(Host& host) {
  const auto now = std::chrono::steady_clock::now();
  while (!host.idle.empty()) {
    auto connection = std::move(host.idle.back());
    host.idle.pop_back();
    if (now - connection->idle_since < idle_timeout_) return connection;
  }
  return nullptr;
}

asio::awaitable<error_code> ConnectionPool::acquire(const std::string& key, std::chrono::milliseconds wait,
                                                    std::unique_ptr<Connection>& connection) {
  std::shared_ptr<Waiter> waiter;
  {
    const std::lock_guard lock(mutex_);
    Host& host = hosts_[key];
    if (host.active < max_) {
      ++host.active;
      connection = take_idle(host);
      co_return error_code{};
    }
    const auto executor = co_await asio::this_coro::executor;  // named first: GCC 12 (ADR 0006)
    waiter = std::make_shared<Waiter>(Waiter{op::Wakeup::make(executor, wait)});
    host.waiters.push_back(waiter);
  }
  const error_code ec = co_await waiter->wakeup->wait();
  const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
  const std::lock_guard lock(mutex_);
  Host& host = hosts_[key];
  if (waiter->granted) {
    if (cancelled == asio::cancellation_type::none) {
      connection = take_idle(host);
      co_return error_code{};
    }
    // Cancelled as the turn came: pass it on.
    if (!host.waiters.empty()) {
      auto next = std::move(host.waiters.front());
      host.waiters.pop_front();
      next->granted = true;
      next->wakeup->wake();
    } else {
      --host.active;
    }
    co_return asio::error::operation_aborted;
  }
  std::erase(host.waiters, waiter);
  co_return ec ? error_code(asio::error::operation_aborted) : error_code(errc::timed_out);
}

void ConnectionPool::release(const std::string& key, std::unique_ptr<Connection> connection) {
  const std::lock_guard lock(mutex_);
  Host& host = hosts_[key];
  if (connection && host.idle.size() < max_) {
    connection->idle_since = std::chrono::steady_clock::now();
    connection->reused = true;
    host.idle.push_back(std::move(connection));
  }
  if (!host.waiters.empty()) {
    auto next = std::move(host.waiters.front());
    host.waiters.pop_front();
    next->granted = true;  // the turn passes on; active stays the same
    next->wakeup->wake();
    return;
  }
  --host.active;
}

}  // namespace nes::net
