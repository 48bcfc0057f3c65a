#pragma once
// The one shape of every SDK operation: a thin initiating function that
// type-erases the caller's handler and hands it to code compiled in src/
// (docs/adr/0002-async-model.md).

#include <nes/error.hpp>
#include <nes/problem.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>

#include <utility>

namespace nes {

template <class T>
using ResultSignature = void(error_code, Result<T>);

template <class T>
using ResultHandler = boost::asio::any_completion_handler<ResultSignature<T>>;

namespace detail {

/// Runs `start(ResultHandler<T>)` as the initiation of an operation that
/// completes with (error_code, Result<T>). `start` owns what it needs (a
/// shared implementation pointer and the arguments), so a deferred
/// operation stays valid after its front object is gone.
template <class T, class Token, class Start>
auto initiate(Token&& token, Start start) {
  return boost::asio::async_initiate<Token, ResultSignature<T>>(
      [](auto handler, Start s) { std::move(s)(ResultHandler<T>(std::move(handler))); }, token, std::move(start));
}

}  // namespace detail
}  // namespace nes
