// nes::mocks as a user would use it: the mock answers, and the completion
// arrives through the executor like a real transport's.

#include <nes/mocks/transport.hpp>

#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

namespace {

using ::testing::_;
using ::testing::Field;

TEST(MockTransport, AnswersThroughTheExecutor) {
  boost::asio::io_context io;
  nes::mocks::MockTransport mock(io.get_executor());
  EXPECT_CALL(mock, send(Field(&nes::HttpRequest::url, "https://portal.example/api/v1/info"), _))
      .WillOnce(nes::mocks::Respond(mock, 200, R"({"protocol_version": "1.0.0"})"));
  int status = 0;
  bool completed_inline = true;
  mock.async_send(nes::HttpRequest{.url = "https://portal.example/api/v1/info"},
                  [&](nes::error_code ec, nes::HttpResponse r) {
                    EXPECT_FALSE(ec);
                    status = r.status;
                  });
  completed_inline = status != 0;
  io.run();
  EXPECT_FALSE(completed_inline);
  EXPECT_EQ(status, 200);
}

TEST(MockTransport, CanFailLikeTheNetwork) {
  boost::asio::io_context io;
  nes::mocks::MockTransport mock(io.get_executor());
  EXPECT_CALL(mock, send(_, _)).WillOnce([&](nes::HttpRequest, nes::Transport::Handler handler) {
    mock.fail(std::move(handler), nes::errc::connection_lost);
  });
  nes::error_code seen;
  mock.async_send(nes::HttpRequest{.url = "https://x/"}, [&](nes::error_code ec, nes::HttpResponse) { seen = ec; });
  io.run();
  EXPECT_EQ(seen, nes::errc::connection_lost);
}

}  // namespace
