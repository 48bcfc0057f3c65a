#include "net/response_reader.hpp"

#include <algorithm>

namespace nes::net {

HttpResponse ResponseReader::take() {
  response_.body.assign(std::string_view(body_.data(), body_.size()));
  secure_wipe(body_.data(), body_.size());
  body_.clear();
  return std::move(response_);
}

void ResponseReader::on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) {
  response_.headers.push_back({std::string(name), std::string(value)});
}

void ResponseReader::on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) {
  // The parser has checked the length against the body limit already.
  if (content_length) body_.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t ResponseReader::on_body_impl(string_view body, error_code&) {
  append(body);
  return body.size();
}

std::size_t ResponseReader::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
  append(body);
  return body.size();
}

void ResponseReader::append(string_view part) {
  if (body_.size() + part.size() > body_.capacity()) {
    std::string larger;
    larger.reserve(std::max(2 * body_.capacity(), body_.size() + part.size()));
    larger.append(body_);
    secure_wipe(body_.data(), body_.size());
    body_.swap(larger);
  }
  body_.append(part.data(), part.size());
}

}  // namespace nes::net
