#pragma once
// The policies the SDK applies above one exchange of any Transport (its own,
// or a caller's mock or decorator), as the Azure SDK's pipeline and
// google-cloud-cpp's retry loop do: redirects (bounded), retries of requests
// safe to repeat (backoff with jitter, Retry-After, a total deadline), and
// the redacted request and answer log.

#include "net/inline_transport.hpp"
#include "net/logger.hpp"
#include "net/url.hpp"

#include <nes/client_options.hpp>
#include <nes/transport.hpp>

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <cstdint>
#include <memory>

namespace nes::net {

/// An answer after the policies, and where it came from after redirects.
struct Sent {
  error_code ec;  ///< only when no answer came
  HttpResponse response;
  Url from;
};

class Pipeline {
 public:
  /// Above a caller's transport: a failure other than connection_failed is
  /// taken as possibly processed by the server.
  Pipeline(std::shared_ptr<Transport> transport, const ClientOptions& options);
  /// Above the SDK's own transport, awaited inline.
  Pipeline(std::shared_ptr<InlineTransport> transport, const ClientOptions& options);

  [[nodiscard]] boost::asio::any_io_executor executor() const { return transport_->get_executor(); }

  /// The answer to `request`, whose URL the caller has parsed as `url`,
  /// after the policies, whatever its status.
  boost::asio::awaitable<Sent> send(HttpRequest request, Url url);

 private:
  void log_request(const HttpRequest& request) const;
  void log_answer(const HttpResponse& response) const;

  std::shared_ptr<Transport> transport_;
  InlineTransport* inline_ = nullptr;  ///< transport_, when the SDK made it (known at construction)
  RetryPolicy retry_;
  int max_redirects_;
  Logger log_;
  std::atomic<std::uint64_t> seed_;
};

}  // namespace nes::net
