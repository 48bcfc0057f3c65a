#include "op/wakeup.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nes::op {

namespace asio = boost::asio;

std::shared_ptr<Wakeup> Wakeup::make(const asio::any_io_executor& executor, std::chrono::steady_clock::duration limit) {
  std::shared_ptr<Wakeup> wakeup(new Wakeup(executor));
  if (limit == std::chrono::steady_clock::duration::max()) {
    wakeup->timer_.expires_at(asio::steady_timer::time_point::max());
  } else {
    wakeup->timer_.expires_after(limit);
  }
  return wakeup;
}

asio::awaitable<error_code> Wakeup::wait() {
  auto [ec] = co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return ec;
}

void Wakeup::wake() {
  asio::post(timer_.get_executor(), [self = shared_from_this()] { self->timer_.cancel(); });
}

}  // namespace nes::op
