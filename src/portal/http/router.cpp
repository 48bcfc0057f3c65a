#include "portal/http/router.hpp"

#include "portal/http/problem.hpp"

namespace nes::portal::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
  }
  return out;
}

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(bhttp::verb method, std::string pattern, Handler handler) {
  Route route{method, {}, std::move(handler)};
  for (const auto segment : split_path(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, const std::vector<std::string_view>& path, std::vector<std::string>& params) {
  if (route.segments.size() != path.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (is_placeholder(route.segments[i])) {
      params.emplace_back(path[i]);
    } else if (route.segments[i] != path[i]) {
      return false;
    }
  }
  return true;
}

Response Router::dispatch(RequestContext& ctx) const {
  const auto path = split_path(ctx.path);
  std::string allowed;
  std::vector<std::string> params;
  for (const auto& route : routes_) {
    if (!match(route, path, params)) continue;
    if (route.method == ctx.request.method()) {
      ctx.path_params = std::move(params);
      return route.handler(ctx);
    }
    if (!allowed.empty()) allowed.append(", ");
    allowed.append(bhttp::to_string(route.method));
  }
  if (allowed.empty()) return problem_response(ctx, bhttp::status::not_found, "not_found", "No such resource");
  Response res = problem_response(ctx, bhttp::status::method_not_allowed, "method_not_allowed",
                                  "Method not allowed on this resource");
  res.set(bhttp::field::allow, allowed);
  return res;
}

}  // namespace nes::portal::http
