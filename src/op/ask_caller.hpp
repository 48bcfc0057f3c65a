#pragma once
// Asks a caller's callback for one value (credentials, an SMS code) from
// inside an operation's coroutine. The callback gets a `give` function it
// may call from any thread; the coroutine resumes on its own executor. A
// `give` dropped without a call completes as operation_aborted, so an
// operation can never hang on a forgotten callback.

#include <nes/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace nes::op {

template <class T, class Handler>
class PendingAnswer {
 public:
  explicit PendingAnswer(Handler handler) : handler_(std::move(handler)) {}
  PendingAnswer(const PendingAnswer&) = delete;
  PendingAnswer& operator=(const PendingAnswer&) = delete;
  ~PendingAnswer() { complete(boost::asio::error::operation_aborted, T{}); }

  void complete(error_code ec, T value) {
    std::optional<Handler> handler;
    {
      const std::lock_guard lock(mutex_);
      if (handler_) {
        handler.emplace(std::move(*handler_));
        handler_.reset();
      }
    }
    if (!handler) return;  // answered already: a second call is ignored
    auto executor = boost::asio::get_associated_executor(*handler);
    boost::asio::post(
        executor, [h = std::move(*handler), ec, v = std::move(value)]() mutable { std::move(h)(ec, std::move(v)); });
  }

 private:
  std::mutex mutex_;
  std::optional<Handler> handler_;
};

template <class T>
using Give = std::function<void(error_code, T)>;

template <class T, class Ask>
boost::asio::awaitable<std::pair<error_code, T>> ask_caller(Ask ask) {
  namespace asio = boost::asio;
  auto token = asio::as_tuple(asio::use_awaitable);
  auto [ec, value] = co_await asio::async_initiate<decltype(token), void(error_code, T)>(
      [](auto handler, Ask ask_it) {
        auto pending = std::make_shared<PendingAnswer<T, decltype(handler)>>(std::move(handler));
        ask_it(Give<T>([pending](error_code e, T v) { pending->complete(e, std::move(v)); }));
      },
      token, std::move(ask));
  co_return std::pair<error_code, T>(ec, std::move(value));
}

}  // namespace nes::op
