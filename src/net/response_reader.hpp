#pragma once
// Beast's HTTP/1.1 response parser, writing straight into an HttpResponse:
// the status, each header as it is parsed, and the body into a buffer that
// is wiped when the reader goes. Beast's own response<string_body> would
// hold every field in a container of its own, to be copied into the
// HttpResponse field by field, and its body copied again (ADR 0009).

#include <nes/secret.hpp>
#include <nes/transport.hpp>

#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>
#include <string>

namespace nes::net {

class ResponseReader final : public boost::beast::http::basic_parser<false> {
 public:
  using string_view = boost::beast::string_view;
  using error_code = boost::beast::error_code;

  explicit ResponseReader(std::uint64_t max_body_bytes) {
    body_limit(max_body_bytes);
    response_.headers.reserve(16);  // the portal sends about a dozen
  }
  ResponseReader(const ResponseReader&) = delete;
  ResponseReader& operator=(const ResponseReader&) = delete;
  ~ResponseReader() override { secure_wipe(body_.data(), body_.size()); }

  /// The answer read so far: call once, after a complete message.
  HttpResponse take();

 private:
  void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int code, string_view, int, error_code&) override { response_.status = code; }
  void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override;
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) override;
  std::size_t on_body_impl(string_view body, error_code&) override;
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override;
  void on_finish_impl(error_code&) override {}

  // Appended without a reallocation when the length is known, so that no
  // smaller copy of a secret is left behind; a chunked body may reallocate,
  // and its old buffer is wiped first.
  void append(string_view part);

  HttpResponse response_;
  std::string body_;
};

}  // namespace nes::net
