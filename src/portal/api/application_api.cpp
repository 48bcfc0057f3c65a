#include "portal/api/application_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/own_application.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"

#include <nes/form_json.hpp>
#include <nes/phone.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

bool valid_idempotency_key(std::string_view key) {
  return key.size() >= 16 && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

// The submission's two members: the form (checked as its own document, so
// that its field paths are the form's) and the acknowledged notices.
struct Submission {
  std::string form_json;
  std::vector<std::string> acknowledged;
};

http::Response submit(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  const Caller& caller = *auth.caller;
  const std::string key(ctx.request["Idempotency-Key"]);
  if (!valid_idempotency_key(key)) {
    return http::problem_response(ctx, status::bad_request, "invalid_request", "Idempotency-Key is required",
                                  "send 16-128 visible ASCII characters, e.g. a UUID");
  }
  Submission submission;
  if (auto refusal = read_json_body(
          ctx, {"form", "acknowledged_notices"},
          [&](detail::json::Reader& r, std::string_view name, const boost::json::value& v, const std::string& at) {
            if (name == "form") {
              if (r.object(v, at) != nullptr) submission.form_json = boost::json::serialize(v);
              return true;
            }
            if (name != "acknowledged_notices") return false;
            const auto* ids = r.array(v, at);
            for (std::size_t i = 0; ids != nullptr && i < ids->size(); ++i) {
              std::string id;
              if (r.read((*ids)[i], at + "[" + std::to_string(i) + "]", id)) {
                submission.acknowledged.push_back(std::move(id));
              }
            }
            return true;
          })) {
    return std::move(*refusal);
  }

  // The SDK's own validators, with the institution's rules.
  auto checked = check_form_json(submission.form_json, services.catalogue);
  secure_wipe(submission.form_json.data(), submission.form_json.size());
  if (!checked.valid()) {
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_form", "The form has problems", {},
                                  checked.errors);
  }
  const ApplicationForm& form = *checked.normalized;
  const registry::Person& person = caller.person;
  if (form.identity.tckn.reveal() != caller.session.tckn) {
    return http::problem_response(ctx, status::forbidden, "not_applicant", "The form is not the applicant's own",
                                  "identity.tckn must be the logged-in person's T.C. Kimlik No");
  }
  // Kamu SM checks the name against MERNİS: the registry is this portal's record.
  FieldErrors names;
  if (!registry::same_name(form.identity.first_name, person.first_name)) {
    names.push_back(make_field_error("identity.first_name", ValidationCode::not_as_registered));
  }
  if (!registry::same_name(form.identity.last_name, person.last_name)) {
    names.push_back(make_field_error("identity.last_name", ValidationCode::not_as_registered));
  }
  if (!names.empty()) {
    return http::problem_response(
        ctx, status::unprocessable_entity, "name_not_as_registered", "The name is not as in the identity record",
        "identity.first_name and identity.last_name must be the person's registered name", std::move(names));
  }
  const Institution& institution = *services.institution(form.institution.id);
  if (institution.payment == PaymentKind::institution_paid) {
    return http::problem_response(ctx, status::unprocessable_entity, "institution_paid",
                                  "The institution pays: do not apply from this menu",
                                  "applications for " + institution.name + " are made by the institution");
  }
  if (!person.is_staff_of(institution.id)) {
    return http::problem_response(ctx, status::forbidden, "not_staff", "Not staff of the institution",
                                  "the applicant is not registered as staff of " + institution.name);
  }
  const bool registered_phone =
      std::any_of(person.mobile_phones.begin(), person.mobile_phones.end(),
                  [&](const MobilePhone& phone) { return phone.e164() == form.identity.mobile_phone; });
  if (!registered_phone) {
    // The choices, masked as the phone list shows them: never a whole number.
    std::string choices;
    for (const auto& phone : person.mobile_phones) choices += (choices.empty() ? "" : ", ") + phone.masked();
    return http::problem_response(ctx, status::unprocessable_entity, "phone_not_registered",
                                  "The mobile number is not registered to the applicant",
                                  "choose one of GET /api/v1/me/phones",
                                  {make_field_error("identity.mobile_phone", ValidationCode::not_offered, choices)});
  }
  std::string missing;
  for (const auto& notice : institution.notices) {
    if (std::find(submission.acknowledged.begin(), submission.acknowledged.end(), notice.id) ==
        submission.acknowledged.end()) {
      missing += (missing.empty() ? "" : ", ") + notice.id;
    }
  }
  if (!missing.empty()) {
    return http::problem_response(ctx, status::unprocessable_entity, "notices_not_acknowledged",
                                  "Every notice of the institution must be acknowledged",
                                  "not acknowledged: " + missing);
  }
  const auto fee =
      services.fees.fee_for(*form.certificate.validity_years, form.certificate.card_reader.value_or(false));
  if (!fee) {
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_form", "The form has problems",
                                  "the fee table has no price for this period and card-reader choice",
                                  {make_field_error("certificate.validity_years", ValidationCode::not_offered)});
  }

  const std::int64_t now = now_ms();
  auto issued = issue_code(services.otp, now);
  store::ApplicationRecord record;
  record.tckn = caller.session.tckn;
  record.institution_id = institution.id;
  record.status = ApplicationStatus::otp_pending;
  record.form_json = std::string(encode_form_json(form).reveal());
  record.phone = form.identity.mobile_phone;
  record.fee = *fee;
  record.idempotency_key = key;
  record.request_digest = crypto::base64url_encode(crypto::sha256(ctx.request.body()));
  record.otp = issued.record;
  record.created_at_ms = now;
  record.updated_at_ms = now;

  const std::string masked = person.tckn.masked();
  // A replay sends nothing, so only a submission that may create an
  // application counts against the SMS limits.
  if (!services.applications.find_by_key(record.tckn, key)) {
    if (const auto wait = limit_sms(services, ctx, record.tckn)) {
      return http::retry_later(ctx, "rate_limited", "Too many SMS codes; wait", wait);
    }
  }
  auto inserted = services.applications.insert(std::move(record));
  switch (inserted.outcome) {
    case store::InsertOutcome::created: {
      send_code(services, inserted.record, issued.code);
      services.database.audit("application_created", masked, inserted.record.id);
      auto res = http::json_response(ctx, status::created, application_json(inserted.record, now));
      res.set(http::bhttp::field::location, "/api/v1/applications/" + inserted.record.id);
      return res;
    }
    case store::InsertOutcome::replayed:
      return http::json_response(ctx, status::ok, application_json(inserted.record, now));
    case store::InsertOutcome::key_reused:
      return http::problem_response(ctx, status::unprocessable_entity, "idempotency_key_reused",
                                    "The Idempotency-Key was used for another submission",
                                    "use a new key for a new application");
    case store::InsertOutcome::duplicate_open:
      return http::problem_response(
          ctx, status::conflict, "duplicate_application", "An open application for this institution exists",
          "application " + inserted.record.id + " is " + std::string(to_string(inserted.record.status)), {},
          {{"application_id", inserted.record.id}});
  }
  return http::problem_response(ctx, status::internal_server_error, "internal", "Internal error");
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
    const auto next = next_status(a.status, LifecycleEvent::cancelled);
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
