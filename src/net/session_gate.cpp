#include "net/session_gate.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nes::net {

namespace asio = boost::asio;

asio::awaitable<error_code> SessionGate::pass(const std::string& key, std::chrono::milliseconds wait,
                                              std::optional<Pioneer>& pioneer, bool& waited) {
  waited = false;
  std::shared_ptr<Waiter> waiter;
  {
    const std::lock_guard lock(mutex_);
    if (sessionless_.contains(key)) co_return error_code{};
    const auto found = closed_.find(key);
    if (found == closed_.end()) {
      closed_.emplace(key, std::vector<std::shared_ptr<Waiter>>{});
      pioneer.emplace(*this, key);
      co_return error_code{};
    }
    // The timer runs on this coroutine's executor (a strand), so open()'s
    // posted cancel cannot run before the wait below has begun.
    waiter = std::make_shared<Waiter>(co_await asio::this_coro::executor);
    waiter->timer.expires_after(wait);
    found->second.push_back(waiter);
  }
  waited = true;
  co_await waiter->timer.async_wait(asio::as_tuple(asio::use_awaitable));
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
  std::vector<std::shared_ptr<Waiter>> waiters;
  {
    const std::lock_guard lock(mutex_);
    const auto found = closed_.find(key);
    if (found == closed_.end()) return;
    waiters = std::move(found->second);
    closed_.erase(found);
  }
  for (auto& waiter : waiters) {
    asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
  }
}

}  // namespace nes::net
