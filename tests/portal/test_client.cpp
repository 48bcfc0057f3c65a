#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>

#include <openssl/ssl.h>

#include <chrono>

namespace nes::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

TestClient::TestClient(unsigned short port, ClientOptions options) : port_(port), options_(std::move(options)) {}

TestClient::~TestClient() = default;

boost::system::error_code TestClient::connect() {
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port_);
  if (options_.ca_pem.empty()) {
    plain_ = std::make_unique<boost::beast::tcp_stream>(io_);
    plain_->expires_after(std::chrono::seconds(10));
    plain_->socket().connect(endpoint, ec);
    return ec;
  }
  tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  tls_->add_certificate_authority(asio::buffer(options_.ca_pem), ec);
  if (ec) return ec;
  tls_->set_verify_mode(asio::ssl::verify_peer);
  if (options_.tls_1_1_only) {
    // Allow the old protocol on our side, so that the refusal is the server's.
    SSL_CTX_set_security_level(tls_->native_handle(), 0);
    SSL_CTX_set_min_proto_version(tls_->native_handle(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(tls_->native_handle(), TLS1_1_VERSION);
    SSL_CTX_set_cipher_list(tls_->native_handle(), "DEFAULT@SECLEVEL=0");
  }
  secure_ = std::make_unique<asio::ssl::stream<boost::beast::tcp_stream>>(io_, *tls_);
  secure_->set_verify_callback(asio::ssl::host_name_verification(options_.verify_host));
  // SNI; SSL_set_tlsext_host_name is this call behind a C-style cast.
  SSL_ctrl(secure_->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
           const_cast<char*>(options_.verify_host.c_str()));
  boost::beast::get_lowest_layer(*secure_).expires_after(std::chrono::seconds(10));
  boost::beast::get_lowest_layer(*secure_).socket().connect(endpoint, ec);
  if (ec) return ec;
  secure_->handshake(asio::ssl::stream_base::client, ec);
  return ec;
}

template <class Write>
Response TestClient::exchange(Write write) {
  if (!secure_ && !plain_) {
    if (const auto ec = connect()) throw boost::system::system_error(ec);
  }
  Response response;
  if (secure_) {
    write(*secure_);
    http::read(*secure_, buffer_, response);
  } else {
    write(*plain_);
    http::read(*plain_, buffer_, response);
  }
  // The server closes after this answer: the next request connects afresh.
  if (!response.keep_alive()) {
    secure_.reset();
    plain_.reset();
    buffer_.clear();
  }
  return response;
}

Response TestClient::request(http::verb method, const std::string& target, const std::string& body,
                             const std::string& content_type, const Headers& headers) {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "localhost:" + std::to_string(port_));
  for (const auto& header : headers) req.set(header.name, header.value);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  return exchange([&](auto& stream) { http::write(stream, req); });
}

Response TestClient::raw(const std::string& bytes) {
  return exchange([&](auto& stream) { asio::write(stream, asio::buffer(bytes)); });
}

boost::json::value json_body(const Response& response) { return boost::json::parse(response.body()); }

}  // namespace nes::test
