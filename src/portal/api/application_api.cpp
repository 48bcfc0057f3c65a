#include "portal/api/application_api.hpp"

#include "portal/api/own_application.hpp"
#include "portal/api/submission.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

http::Response submit(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  std::string key;
  if (auto refusal = read_idempotency_key(ctx, key)) return std::move(*refusal);
  Submission submission;
  if (auto refusal = read_submission(ctx, false, submission)) return std::move(*refusal);
  auto check = check_submission(services, ctx, *auth.caller, submission, PaymentKind::person_paid);
  if (!check.checked) return std::move(check.refusal);
  return insert_application(services, ctx, *auth.caller, *check.checked, key);
}

http::Response list_mine(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, false);
  if (!auth.caller) return std::move(auth.refusal);
  const std::int64_t now = now_ms();
  boost::json::array list;
  for (const auto& application : services.applications.list({.tckn = auth.caller->session.tckn, .status = {}})) {
    list.push_back(application_json(application, now));
  }
  return http::json_response(ctx, status::ok, {{"applications", std::move(list)}});
}

http::Response get_one(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, false);
  if (!own.ok()) return std::move(own.refusal);
  return http::json_response(ctx, status::ok, application_json(*own.application, now_ms()));
}

http::Response cancel(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  std::optional<ApplicationStatus> refused_in;
  const auto after = services.applications.modify(own.application->id, [&](store::ApplicationRecord& a) {
    const auto next = next_status(a.status, LifecycleEvent::cancelled, a.payer);
    if (!next) {
      refused_in = a.status;
      return false;
    }
    a.status = *next;
    return true;
  });
  if (refused_in) return invalid_transition(ctx, *refused_in, "cancel");
  services.database.audit("application_cancelled", own.caller->person.tckn.masked(), after->id);
  return http::json_response(ctx, status::ok, application_json(*after, now_ms()));
}

}  // namespace

void add_application_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/applications",
             [&services](http::RequestContext& ctx) { return submit(services, ctx); });
  router.add(http::bhttp::verb::get, "/api/v1/applications",
             [&services](http::RequestContext& ctx) { return list_mine(services, ctx); });
  router.add(http::bhttp::verb::get, "/api/v1/applications/{id}",
             [&services](http::RequestContext& ctx) { return get_one(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/cancel",
             [&services](http::RequestContext& ctx) { return cancel(services, ctx); });
}

}  // namespace nes::portal::api
