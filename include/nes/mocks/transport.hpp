#pragma once
// A GMock Transport for users' own tests (target nes::mocks): put it where
// a Client expects a Transport, set expectations on send(), and answer with
// respond() or fail(), which complete the handler as a real transport does
// (on its executor, never inline).

#include <nes/transport.hpp>

#include <boost/asio/post.hpp>

#include <gmock/gmock.h>

#include <memory>
#include <string>
#include <utility>

namespace nes::mocks {

/// A gMock Transport for callers' unit tests: `EXPECT_CALL(transport, send(...))`.
class MockTransport : public Transport {
 public:
  /// A mock whose operations complete on `executor`.
  explicit MockTransport(executor_type executor) : executor_(std::move(executor)) {}

  /// The executor given.
  [[nodiscard]] executor_type get_executor() const override { return executor_; }

  /// Called for each request; complete `handler` with the answer.
  MOCK_METHOD(void, send, (HttpRequest request, Handler handler), (override));

  /// Completes `handler` with an answer of `status` and `body`.
  void respond(Handler handler, int status, std::string body = {},
               std::string content_type = "application/json") const {
    HttpResponse response;
    response.status = status;
    response.headers.push_back({"Content-Type", std::move(content_type)});
    response.body.assign(body);
    complete(std::move(handler), {}, std::move(response));
  }

  /// Completes `handler` with `response` as it is (headers such as Location
  /// or Set-Cookie included).
  void respond(Handler handler, HttpResponse response) const { complete(std::move(handler), {}, std::move(response)); }

  /// Completes `handler` with a transport error (errc::connection_lost, …).
  void fail(Handler handler, error_code ec) const { complete(std::move(handler), ec, {}); }

 private:
  void complete(Handler handler, error_code ec, HttpResponse response) const {
    boost::asio::post(
        executor_, [h = std::move(handler), ec, r = std::move(response)]() mutable { std::move(h)(ec, std::move(r)); });
  }

  executor_type executor_;
};

/// An action for EXPECT_CALL(mock, send): answer every call with `status`
/// and `body`.
inline auto Respond(MockTransport& mock, int status, std::string body = {}) {
  return [&mock, status, body](HttpRequest, Transport::Handler handler) {
    mock.respond(std::move(handler), status, body);
  };
}

}  // namespace nes::mocks
