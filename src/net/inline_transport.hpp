#pragma once
// The SDK's own transport, to the SDK's own pipeline: one delivery awaited in
// the calling coroutine, on its strand and with its cancellation, instead of
// a coroutine of its own behind a type-erased handler for every request; and
// it says whether a failed request may have reached the server. A caller's
// transport (a mock, a decorator) keeps the type-erased Transport::send.

#include "net/url.hpp"

#include <nes/client_options.hpp>
#include <nes/transport.hpp>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>

namespace nes::net {

/// One attempt at a request: the answer, or why none came.
struct Delivery {
  error_code ec;
  HttpResponse response;
  bool maybe_processed = true;  ///< a failed request may have reached the server
};

class InlineTransport : public Transport {
 public:
  /// One attempt at `request`, whose URL the pipeline has parsed as `url`: no
  /// redirect followed and no retry (the pipeline's). Both outlive the
  /// attempt. Exceptions do not escape: they become error codes as in send().
  virtual boost::asio::awaitable<Delivery> deliver(const HttpRequest& request, const Url& url) = 0;
};

/// The SDK's HTTPS transport; null with errc::invalid_argument and why.
std::shared_ptr<InlineTransport> make_inline_https_transport(boost::asio::any_io_executor executor,
                                                             const ClientOptions& options, error_code& ec,
                                                             std::string* detail);

}  // namespace nes::net
