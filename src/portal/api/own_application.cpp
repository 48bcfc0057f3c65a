#include "portal/api/own_application.hpp"

namespace nes::portal::api {

OwnApplication own_application(Services& services, const http::RequestContext& ctx, bool changes_state) {
  auto auth = authenticate(services, ctx, changes_state);
  if (!auth.caller) return {std::nullopt, std::nullopt, std::move(auth.refusal)};
  auto application = services.applications.find(ctx.path_params.at(0));
  if (!application || application->tckn != auth.caller->session.tckn) {
    return {std::move(auth.caller), std::nullopt,
            http::problem_response(ctx, http::bhttp::status::not_found, "not_found", "No such application")};
  }
  return {std::move(auth.caller), std::move(application), {}};
}

http::Response invalid_transition(const http::RequestContext& ctx, ApplicationStatus status, std::string_view action) {
  return http::problem_response(
      ctx, http::bhttp::status::conflict, "invalid_transition", "Not possible in the application's status",
      std::string(action) + " is not possible while the application is " + std::string(to_string(status)), {},
      {{"application_status", to_string(status)}});
}

}  // namespace nes::portal::api
