#pragma once
// Reading a cookie from a request's Cookie header.

#include "portal/http/message.hpp"

#include <string>
#include <string_view>

namespace nes::portal::http {

/// The value of the cookie `name`, or empty when the request has none.
std::string cookie_value(const Request& request, std::string_view name);

}  // namespace nes::portal::http
