#include "portal/api/tsa_api.hpp"

#include "portal/http/problem.hpp"

namespace nes::portal::api {

void add_tsa_routes(http::Router& router, tsa::TimeStampAuthority& authority) {
  router.add(http::bhttp::verb::post, "/tsa", [&authority](http::RequestContext& ctx) {
    const auto& request = ctx.request;
    // Kamu SM answers every refusal as 200 with text; a query of another
    // type is refused the same way.
    const bool credit_query = request.body().empty() && request.find("credit_req") != request.end();
    if (!credit_query && request[http::bhttp::field::content_type] != "application/timestamp-query") {
      return http::response(ctx, http::bhttp::status::ok, "text/plain; charset=utf-8",
                            "Content-Type must be application/timestamp-query");
    }
    auto answer =
        authority.answer(request.body(), request["identity"], request["credit_req"], request["credit_req_time"]);
    return http::response(ctx, http::bhttp::status::ok, answer.content_type, std::move(answer.body));
  });
}

}  // namespace nes::portal::api
