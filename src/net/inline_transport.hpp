#pragma once
// The SDK's own transports, to the SDK's own coroutines: an exchange awaited
// in the calling coroutine, on its strand and with its cancellation, instead
// of a coroutine of its own behind a type-erased handler for every request.
// Client code sees only nes::Transport; a caller's transport (a mock, a
// decorator) keeps the type-erased path.

#include <nes/transport.hpp>

#include <boost/asio/awaitable.hpp>

#include <utility>

namespace nes::net {

class InlineTransport : public Transport {
 public:
  /// What Transport::send completes with: an error_code only when no answer
  /// came. Exceptions do not escape: they become error codes as in send().
  virtual boost::asio::awaitable<std::pair<error_code, HttpResponse>> exchange_inline(HttpRequest request) = 0;
};

}  // namespace nes::net
