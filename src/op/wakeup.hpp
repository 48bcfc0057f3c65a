#pragma once
// One coroutine's wait until another wakes it, or until a time limit: the
// mechanism under the connection pool's queue, the TLS session gate and the
// client's shared info request. The timer runs on the waiting coroutine's
// executor (a strand in the SDK), and wake() posts the cancel there, so a
// wake-up from another thread cannot run before the wait has begun.

#include <nes/error.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>

namespace nes::op {

class Wakeup : public std::enable_shared_from_this<Wakeup> {
 public:
  /// A wait on `executor` (the waiting coroutine's) that ends by itself
  /// after `limit`, if given.
  static std::shared_ptr<Wakeup> make(
      const boost::asio::any_io_executor& executor,
      std::chrono::steady_clock::duration limit = std::chrono::steady_clock::duration::max());

  /// Until wake() or the limit. Success: the limit passed; operation_aborted:
  /// woken, or the waiting operation cancelled (see its cancellation state).
  boost::asio::awaitable<error_code> wait();
  /// Ends the wait, from any thread, at most once in effect.
  void wake();

 private:
  explicit Wakeup(const boost::asio::any_io_executor& executor) : timer_(executor) {}
  boost::asio::steady_timer timer_;
};

}  // namespace nes::op
