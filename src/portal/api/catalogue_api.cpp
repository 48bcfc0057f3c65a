#include "portal/api/catalogue_api.hpp"

#include "portal/api/session_guard.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/http/problem.hpp"

namespace nes::portal::api {

void add_catalogue_routes(http::Router& router, Services& services) {
  boost::json::array institutions;
  for (const auto& institution : services.catalogue) institutions.push_back(institution_json(institution));
  const boost::json::value catalogue = {{"institutions", std::move(institutions)}};
  router.add(http::bhttp::verb::get, "/api/v1/institutions", [&services, catalogue](http::RequestContext& ctx) {
    auto auth = authenticate(services, ctx, false);
    if (!auth.caller) return std::move(auth.refusal);
    return http::json_response(ctx, http::bhttp::status::ok, catalogue);
  });

  router.add(http::bhttp::verb::get, "/api/v1/me/phones", [&services](http::RequestContext& ctx) {
    auto auth = authenticate(services, ctx, false);
    if (!auth.caller) return std::move(auth.refusal);
    boost::json::array phones;
    const auto& registered = auth.caller->person.mobile_phones;
    for (std::size_t i = 0; i < registered.size(); ++i) {
      phones.push_back({{"id", "phone_" + std::to_string(i + 1)}, {"masked", registered[i].masked()}});
    }
    return http::json_response(ctx, http::bhttp::status::ok, {{"phones", std::move(phones)}});
  });
}

}  // namespace nes::portal::api
