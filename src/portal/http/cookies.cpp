#include "portal/http/cookies.hpp"

namespace nes::portal::http {

std::string cookie_value(const Request& request, std::string_view name) {
  std::string_view header = request[bhttp::field::cookie];
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    header.remove_prefix(semicolon == std::string_view::npos ? header.size() : semicolon + 1);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
  }
  return {};
}

}  // namespace nes::portal::http
