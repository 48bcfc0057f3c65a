#pragma once
// The HTTP types the portal's handlers see.

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

/// One request as a handler sees it.
struct RequestContext {
  const Request& request;
  std::string_view path;                 ///< without the query
  std::string_view query;                ///< after '?', empty if none
  std::vector<std::string> path_params;  ///< the {…} segments of the route, in order
  boost::asio::ip::address client;
  std::string request_id;
};

}  // namespace nes::portal::http
