#include "net/request_head.hpp"

#include "net/ascii.hpp"

#include <algorithm>
#include <array>

namespace nes::net {

namespace {

// RFC 9110 §5.6.2: tchar, as a table (header names are checked twice a
// request: before a connection is taken, and as they are written).
constexpr std::array<bool, 256> token_chars = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool is_token(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return token_chars[static_cast<unsigned char>(c)]; });
}

bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool method_has_body(std::string_view method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

}  // namespace

bool is_sendable(const HttpRequest& request, std::string_view user_agent) {
  return is_token(request.method) && is_field_value(user_agent) &&
         std::all_of(request.headers.begin(), request.headers.end(), [](const HttpHeader& h) {
           return is_token(h.name) && is_field_value(h.value) && !iequals(h.name, "Content-Length") &&
                  !iequals(h.name, "Transfer-Encoding");
         });
}

std::optional<std::string> write_request(const HttpRequest& request, const Url& url, std::string_view user_agent) {
  // The target comes from Boost.URL's encoded path and query: no space or
  // control character, checked again all the same.
  if (!is_sendable(request, user_agent) ||
      url.target.find_first_of(std::string_view(" \r\n\0", 4)) != url.target.npos) {
    return std::nullopt;
  }
  const auto& headers = request.headers;
  // Sent unless a later header of the same name replaces it.
  auto last_of_its_name = [&](std::size_t i) {
    return std::none_of(headers.begin() + static_cast<std::ptrdiff_t>(i) + 1, headers.end(),
                        [&](const HttpHeader& later) { return iequals(later.name, headers[i].name); });
  };
  auto given = [&](std::string_view name) {
    return std::any_of(headers.begin(), headers.end(), [&](const HttpHeader& h) { return iequals(h.name, name); });
  };
  const std::string authority = url.authority();
  std::size_t size =
      request.method.size() + url.target.size() + authority.size() + user_agent.size() + request.body.size() + 64;
  for (const auto& h : headers) size += h.name.size() + h.value.size() + 4;

  std::string out;
  out.reserve(size);  // once: no reallocation leaves a copy of the body behind
  out.append(request.method).append(" ").append(url.target).append(" HTTP/1.1\r\n");
  if (!given("Host")) out.append("Host: ").append(authority).append("\r\n");
  if (!given("User-Agent") && !user_agent.empty()) out.append("User-Agent: ").append(user_agent).append("\r\n");
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (last_of_its_name(i)) out.append(headers[i].name).append(": ").append(headers[i].value).append("\r\n");
  }
  if (!request.body.empty() || method_has_body(request.method)) {
    out.append("Content-Length: ").append(std::to_string(request.body.size())).append("\r\n");
  }
  out.append("\r\n").append(request.body.reveal());
  return out;
}

}  // namespace nes::net
