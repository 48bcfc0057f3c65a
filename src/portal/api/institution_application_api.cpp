#include "portal/api/institution_application_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/submission.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"
#include "portal/institution/access_code.hpp"

#include <boost/json/parse.hpp>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

struct RequestLookup {
  std::optional<store::InstitutionRequest> request;
  http::Response refusal;  ///< when `request` is unset
};

// The caller's unused request that `typed` opens. Wrong codes count against
// the SMS limits: a code is as guessable as an SMS code is.
RequestLookup find_request(Services& services, const http::RequestContext& ctx, const Caller& caller,
                           const SecretString& typed) {
  if (const auto wait = limit_sms(services, ctx, caller.session.tckn)) {
    return {std::nullopt, http::retry_later(ctx, "rate_limited", "Too many tries; wait", wait)};
  }
  if (const auto code = institution::normalized_access_code(typed.reveal())) {
    for (auto& request : services.institution_work.unused_requests_of(caller.session.tckn)) {
      if (crypto::constant_time_equal(institution::access_code_hash(request.id, *code), request.access_code_hash)) {
        return {std::move(request), {}};
      }
    }
  }
  services.database.audit("access_code_refused", caller.person.tckn.masked(), "");
  return {std::nullopt,
          http::problem_response(ctx, status::forbidden, "access_code_invalid", "The access code is not valid",
                                 "use the code of the e-mail sent to your work address; a code opens one application")};
}

// The form as the officer's row fills it in; the applicant completes it.
boost::json::object prefilled_form(const store::InstitutionRequest& request) {
  return {
      {"identity",
       {{"tckn", request.tckn},
        {"first_name", request.first_name},
        {"last_name", request.last_name},
        {"info_channel", "email"},
        {"email", request.work_email}}},
      {"institution", {{"id", request.institution_id}, {"unit", request.unit}, {"work_phone", request.work_phone}}}};
}

http::Response open_access(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  SecretString typed;
  if (auto refusal = read_json_body(ctx, {"access_code"}, secret_member("access_code", typed))) {
    return std::move(*refusal);
  }
  auto found = find_request(services, ctx, *auth.caller, typed);
  if (!found.request) return std::move(found.refusal);
  const Institution* institution = services.institution(found.request->institution_id);
  if (institution == nullptr) {
    return http::problem_response(ctx, status::not_found, "not_found", "The institution is no longer offered");
  }
  return http::json_response(ctx, status::ok,
                             {{"request_id", found.request->id},
                              {"institution", institution_json(*institution)},
                              {"form", prefilled_form(*found.request)}});
}

http::Response submit(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  const Caller& caller = *auth.caller;
  std::string key;
  if (auto refusal = read_idempotency_key(ctx, key)) return std::move(*refusal);
  Submission submission;
  if (auto refusal = read_submission(ctx, true, submission)) return std::move(*refusal);
  // A replay gives the first answer: its code is used by then.
  if (services.applications.find_by_key(caller.session.tckn, key)) {
    auto check = check_submission(services, ctx, caller, submission, PaymentKind::institution_paid);
    if (!check.checked) return std::move(check.refusal);
    return insert_application(services, ctx, caller, *check.checked, key);
  }
  auto found = find_request(services, ctx, caller, submission.access_code);
  if (!found.request) return std::move(found.refusal);
  auto check = check_submission(services, ctx, caller, submission, PaymentKind::institution_paid);
  if (!check.checked) return std::move(check.refusal);
  if (check.checked->institution->id != found.request->institution_id) {
    return http::problem_response(
        ctx, status::unprocessable_entity, "invalid_form", "The form has problems",
        "the access code is for " + found.request->institution_id,
        {make_field_error("institution.id", ValidationCode::not_offered, found.request->institution_id)});
  }
  const std::string request_id = found.request->id;
  return insert_application(
      services, ctx, caller, *check.checked, key,
      [&](sqlite3* db, const store::ApplicationRecord& application) {
        return store::InstitutionStore::claim(db, request_id, application.id);
      },
      [&] {
        return http::problem_response(ctx, status::conflict, "access_code_used", "The access code was used",
                                      "a code opens one application; see GET /api/v1/applications");
      });
}

}  // namespace

void add_institution_application_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/institution-access",
             [&services](http::RequestContext& ctx) { return open_access(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/institution-applications",
             [&services](http::RequestContext& ctx) { return submit(services, ctx); });
}

}  // namespace nes::portal::api
