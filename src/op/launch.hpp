#pragma once
// Runs one SDK operation as a coroutine on a strand of the client's
// executor and completes the caller's type-erased handler with its outcome:
// on the handler's associated executor, with the handler's cancellation
// slot reaching every exchange the coroutine awaits.

#include "op/exception_code.hpp"  // an escaping exception becomes the error_code
#include "op/strand.hpp"

#include <nes/detail/async.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>

#include <exception>
#include <memory>

namespace nes::op {

template <class T>
struct Outcome {
  error_code ec;
  Result<T> result;
};

template <class T>
Outcome<T> failed(error_code ec) {
  return {ec, {}};
}

template <class T>
Outcome<T> refused(error_code ec, Problem problem) {
  return {ec, Result<T>(std::move(problem))};
}

template <class T>
Outcome<T> succeeded(T value) {
  return {{}, Result<T>(std::move(value))};
}

/// A problem the SDK found itself (http_status 0: nothing was sent).
inline Problem local_problem(std::string code, std::string title, std::string detail = {}, FieldErrors errors = {}) {
  Problem p;
  p.code = std::move(code);
  p.title = std::move(title);
  p.detail = std::move(detail);
  p.errors = std::move(errors);
  return p;
}

/// A failed outcome passed on as another operation's: its code and problem.
template <class U, class T>
Outcome<U> relay(const Outcome<T>& outcome) {
  if (const auto* problem = outcome.result.problem()) return {outcome.ec, Result<U>(*problem)};
  return {outcome.ec, {}};
}

template <class T>
void launch(const boost::asio::any_io_executor& executor, boost::asio::awaitable<Outcome<T>> operation,
            ResultHandler<T> handler) {
  namespace asio = boost::asio;
  auto handler_executor = asio::get_associated_executor(handler, executor);
  auto slot = asio::get_associated_cancellation_slot(handler);
  asio::co_spawn(
      op::make_strand(executor), std::move(operation),
      asio::bind_cancellation_slot(
          slot, asio::bind_executor(handler_executor, [handler = std::move(handler)](std::exception_ptr error,
                                                                                     Outcome<T> outcome) mutable {
            if (error) outcome = failed<T>(code_of(error));
            std::move(handler)(outcome.ec, std::move(outcome.result));
          })));
}

/// launch() for a member coroutine of a shared implementation object:
/// `(*self.*member)(args...)`, with `self` kept alive until it completes.
template <class T, class Self, class Member, class... Args>
void launch_member(const boost::asio::any_io_executor& executor, std::shared_ptr<Self> self, Member member,
                   ResultHandler<T> handler, Args... args) {
  auto operation = [](std::shared_ptr<Self> s, Member m, Args... a) -> boost::asio::awaitable<Outcome<T>> {
    co_return co_await ((*s).*m)(std::move(a)...);
  }(std::move(self), member, std::move(args)...);
  launch(executor, std::move(operation), std::move(handler));
}

}  // namespace nes::op
