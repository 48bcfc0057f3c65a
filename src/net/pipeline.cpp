#include "net/pipeline.hpp"

#include "net/ascii.hpp"
#include "net/redact.hpp"
#include "net/retry.hpp"
#include "net/url.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <optional>
#include <random>

namespace nes::net {

namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

bool is_redirect(int status) noexcept {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<Transport> transport, const ClientOptions& options)
    : transport_(std::move(transport)),
      retry_(options.retry),
      max_redirects_(options.max_redirects),
      log_(options.log, options.log_level),
      seed_(std::random_device{}()) {}

Pipeline::Pipeline(std::shared_ptr<InlineTransport> transport, const ClientOptions& options)
    : Pipeline(std::shared_ptr<Transport>(transport), options) {
  inline_ = transport.get();
}

asio::awaitable<Sent> Pipeline::send(HttpRequest request, Url url) {
  const auto deadline = Clock::now() + retry_.total_deadline;
  // Made at the first failure, and not in this frame: seeding its generator
  // costs more than most exchanges that never retry, and its state is 2.5 KiB
  // that every request waiting for a connection would hold.
  std::unique_ptr<Backoff> backoff;
  int redirects = 0;
  int failures = 0;
  for (;;) {
    log_request(request);
    Delivery attempt;
    if (inline_ != nullptr) {
      attempt = co_await inline_->deliver(request, url);
    } else {
      // A caller's transport takes its own copy, and cannot say whether a
      // failed request reached the server: only "could not connect" is
      // taken as not sent.
      auto [ec, response] = co_await transport_->async_send(request, use_tuple);
      attempt = Delivery{ec, std::move(response), ec != errc::connection_failed};
    }
    if (!attempt.ec) log_answer(attempt.response);
    std::optional<std::chrono::seconds> retry_after;
    bool retryable = false;
    if (attempt.ec) {
      const bool transient =
          attempt.ec == errc::connection_failed || attempt.ec == errc::timed_out || attempt.ec == errc::connection_lost;
      retryable = transient && (request.idempotent || !attempt.maybe_processed);
    } else if (is_retryable_status(attempt.response.status)) {
      retryable = request.idempotent;
      retry_after = parse_retry_after(attempt.response.header("Retry-After"));
    }
    if (retryable) {
      ++failures;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (!backoff) backoff = std::make_unique<Backoff>(retry_, seed_.fetch_add(1));
      if (const auto wait = backoff->next(failures, retry_after, left)) {
        log_.write_lazily(LogLevel::info, [&] {
          return "retrying " + request.method + " " + url.to_string() + " in " + std::to_string(wait->count()) +
                 " ms (" + (attempt.ec ? attempt.ec.message() : "HTTP " + std::to_string(attempt.response.status)) +
                 ")";
        });
        asio::steady_timer timer(co_await asio::this_coro::executor, *wait);
        auto [ec] = co_await timer.async_wait(use_tuple);
        if (ec) co_return Sent{asio::error::operation_aborted, {}, std::move(url)};
        continue;
      }
    }
    if (attempt.ec || !request.follow_redirects || !is_redirect(attempt.response.status)) {
      // Where the answer came from, after redirects: the request's URL, or
      // what a caller's transport wrote if it followed redirects itself.
      if (!attempt.ec && attempt.response.url.empty()) {
        attempt.response.url = std::move(request.url);
      } else if (!attempt.ec && attempt.response.url != request.url) {
        if (auto written = Url::parse(attempt.response.url)) url = std::move(*written);
      }
      co_return Sent{attempt.ec, std::move(attempt.response), std::move(url)};
    }
    const int status = attempt.response.status;
    if (++redirects > max_redirects_) co_return Sent{errc::too_many_redirects, {}, std::move(url)};
    auto next = url.resolve(attempt.response.header("Location"));
    if (!next) co_return Sent{errc::protocol_error, std::move(attempt.response), std::move(url)};
    // 303, and 301/302 after a POST, continue as GET without a body (as browsers do).
    if (status == 303 || ((status == 301 || status == 302) && request.method == "POST")) {
      request.method = "GET";
      request.body.clear();
      std::erase_if(request.headers, [](const HttpHeader& h) { return iequals(h.name, "Content-Type"); });
    }
    url = std::move(*next);
    request.url = url.to_string();
  }
}

void Pipeline::log_request(const HttpRequest& request) const {
  log_.write_lazily(LogLevel::debug, [&] { return "> " + request.method + " " + request.url; });
  log_.write_lazily(LogLevel::trace, [&] {
    std::string text;
    std::string_view content_type;
    for (const auto& h : request.headers) {
      text += "> " + redact_header(h.name, h.value) + "\n";
      if (iequals(h.name, "Content-Type")) content_type = h.value;
    }
    return text + "> " + redact_body(content_type, request.body.reveal());
  });
}

void Pipeline::log_answer(const HttpResponse& response) const {
  log_.write_lazily(LogLevel::debug, [&] {
    return "< " + std::to_string(response.status) + " " + std::string(response.header("X-Request-Id"));
  });
  log_.write_lazily(LogLevel::trace, [&] {
    std::string text;
    for (const auto& h : response.headers) text += "< " + redact_header(h.name, h.value) + "\n";
    return text + "< " + redact_body(response.header("Content-Type"), response.body.reveal());
  });
}

}  // namespace nes::net
