#pragma once
// Maps method and path to a handler. Patterns are literal segments and {name}
// placeholders: "/api/v1/applications/{id}/otp/verify".

#include "portal/http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace nes::portal::http {

using Handler = std::function<Response(RequestContext&)>;

class Router {
 public:
  void add(bhttp::verb method, std::string pattern, Handler handler);

  /// The matching handler's response; 404 not_found for an unknown path, 405
  /// method_not_allowed (with Allow) for a known path and another method.
  Response dispatch(RequestContext& ctx) const;

 private:
  struct Route {
    bhttp::verb method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool match(const Route& route, const std::vector<std::string_view>& path, std::vector<std::string>& params);

  std::vector<Route> routes_;
};

}  // namespace nes::portal::http
