#pragma once
// A small synchronous HTTPS client for the portal's integration tests (the
// SDK's own client comes with issue 4). Verifies the server against a given
// CA and host name, like any careful client.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nes::test {

namespace http = boost::beast::http;
using Response = http::response<http::string_body>;

struct ClientOptions {
  std::string ca_pem;  ///< trust anchor; empty: plain HTTP
  std::string verify_host = "localhost";
  bool tls_1_1_only = false;  ///< offer nothing newer than TLS 1.1
};

class TestClient {
 public:
  TestClient(unsigned short port, ClientOptions options);
  ~TestClient();

  /// Connects (and handshakes); the error, if any.
  boost::system::error_code connect();
  /// One request on the open connection (connects first when needed).
  struct Header {
    Header(http::field field, std::string text) : name(http::to_string(field)), value(std::move(text)) {}
    Header(std::string header_name, std::string text) : name(std::move(header_name)), value(std::move(text)) {}
    std::string name;
    std::string value;
  };
  using Headers = std::vector<Header>;
  Response request(http::verb method, const std::string& target, const std::string& body = {},
                   const std::string& content_type = "application/json", const Headers& headers = {});
  /// Sends raw bytes and reads one response (for malformed requests).
  Response raw(const std::string& bytes);

 private:
  template <class Write>
  Response exchange(Write write);

  unsigned short port_;
  ClientOptions options_;
  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  std::unique_ptr<boost::asio::ssl::stream<boost::beast::tcp_stream>> secure_;
  std::unique_ptr<boost::beast::tcp_stream> plain_;
  boost::beast::flat_buffer buffer_;
};

/// The body as JSON (throws on malformed JSON: a test failure).
boost::json::value json_body(const Response& response);

}  // namespace nes::test
