#include "net/session_gate.hpp"

#include <boost/asio/this_coro.hpp>

namespace nes::net {

namespace asio = boost::asio;

asio::awaitable<error_code> SessionGate::pass(const std::string& key, std::chrono::milliseconds wait,
                                              std::optional<Pioneer>& pioneer, bool& waited) {
  waited = false;
  std::shared_ptr<op::Wakeup> waiter;
  {
    const std::lock_guard lock(mutex_);
    if (sessionless_.contains(key)) co_return error_code{};
    const auto found = closed_.find(key);
    if (found == closed_.end()) {
      closed_.emplace(key, std::vector<std::shared_ptr<op::Wakeup>>{});
      pioneer.emplace(*this, key);
      co_return error_code{};
    }
    waiter = op::Wakeup::make(co_await asio::this_coro::executor, wait);
    found->second.push_back(waiter);
  }
  waited = true;
  co_await waiter->wait();
  const bool cancelled = (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
  {
    const std::lock_guard lock(mutex_);
    if (const auto found = closed_.find(key); found != closed_.end()) std::erase(found->second, waiter);
  }
  co_return cancelled ? error_code(asio::error::operation_aborted) : error_code{};
}

void SessionGate::gives_no_sessions(const std::string& key) {
  const std::lock_guard lock(mutex_);
  sessionless_.insert(key);
}

void SessionGate::open(const std::string& key) {
  std::vector<std::shared_ptr<op::Wakeup>> waiters;
  {
    const std::lock_guard lock(mutex_);
    const auto found = closed_.find(key);
    if (found == closed_.end()) return;
    waiters = std::move(found->second);
    closed_.erase(found);
  }
  for (auto& waiter : waiters) waiter->wake();
}

}  // namespace nes::net
