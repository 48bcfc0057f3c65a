#include "portal/api/submission.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/renewal.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"
#include "portal/registry/password_hash.hpp"

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

SubmissionCheck refuse(http::Response response) { return {std::nullopt, std::move(response)}; }

// The route's refusal of an institution of the other route: step 9's notice.
http::Response wrong_route(const http::RequestContext& ctx, const Institution& institution, PaymentKind payer) {
  if (payer == PaymentKind::person_paid) {
    return http::problem_response(ctx, status::unprocessable_entity, "institution_paid",
                                  "The institution pays: do not apply from this menu",
                                  "applications for " + institution.name + " are made by the institution");
  }
  return http::problem_response(ctx, status::unprocessable_entity, "not_institution_paid",
                                "The institution does not pay: apply from the person-paid menu",
                                "staff of " + institution.name + " apply and pay themselves");
}

}  // namespace

std::optional<http::Response> read_idempotency_key(const http::RequestContext& ctx, std::string& key) {
  key = std::string(ctx.request["Idempotency-Key"]);
  if (valid_idempotency_key(key)) return std::nullopt;
  return http::problem_response(ctx, status::bad_request, "invalid_request", "Idempotency-Key is required",
                                "send 16-128 visible ASCII characters, e.g. a UUID");
}

std::optional<http::Response> read_submission(const http::RequestContext& ctx, bool with_access_code, Submission& out) {
  const MemberReader members = [&](detail::json::Reader& r, std::string_view name, const boost::json::value& v,
                                   const std::string& at) {
    if (name == "form") {
      // Checked as its own document, so that its field paths are the form's.
      if (r.object(v, at) != nullptr) out.form_json = boost::json::serialize(v);
      return true;
    }
    if (name == "access_code" && with_access_code) {
      std::string code;
      if (r.read(v, at, code)) out.access_code.assign(code);
      secure_wipe(code.data(), code.size());
      return true;
    }
    if (name == "renews") {
      std::string serial;
      if (r.read(v, at, serial)) out.renews = std::move(serial);
      return true;
    }
    if (name != "acknowledged_notices") return false;
    const auto* ids = r.array(v, at);
    for (std::size_t i = 0; ids != nullptr && i < ids->size(); ++i) {
      std::string id;
      if (r.read((*ids)[i], at + "[" + std::to_string(i) + "]", id)) out.acknowledged.push_back(std::move(id));
    }
    return true;
  };
  // Each list named in its own call: an initializer_list's array lives only
  // as long as the expression that makes it.
  if (with_access_code) return read_json_body(ctx, {"form", "access_code"}, members);
  return read_json_body(ctx, {"form"}, members);
}

SubmissionCheck check_submission(Services& services, const http::RequestContext& ctx, const Caller& caller,
                                 Submission& submission, PaymentKind payer) {
  // The SDK's own validators, with the institution's rules.
  auto checked = check_form_json(submission.form_json, services.catalogue);
  secure_wipe(submission.form_json.data(), submission.form_json.size());
  if (!checked.valid()) {
    return refuse(http::problem_response(ctx, status::unprocessable_entity, "invalid_form", "The form has problems", {},
                                         checked.errors));
  }
  const ApplicationForm& form = *checked.normalized;
  const registry::Person& person = caller.person;
  if (form.identity.tckn.reveal() != caller.session.tckn) {
    return refuse(http::problem_response(ctx, status::forbidden, "not_applicant", "The form is not the applicant's own",
                                         "identity.tckn must be the logged-in person's T.C. Kimlik No"));
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
    return refuse(http::problem_response(
        ctx, status::unprocessable_entity, "name_not_as_registered", "The name is not as in the identity record",
        "identity.first_name and identity.last_name must be the person's registered name", std::move(names)));
  }
  const Institution& institution = *services.institution(form.institution.id);
  if (institution.payment != payer) return refuse(wrong_route(ctx, institution, payer));
  if (!person.is_staff_of(institution.id)) {
    return refuse(http::problem_response(ctx, status::forbidden, "not_staff", "Not staff of the institution",
                                         "the applicant is not registered as staff of " + institution.name));
  }
  const bool registered_phone =
      std::any_of(person.mobile_phones.begin(), person.mobile_phones.end(),
                  [&](const MobilePhone& phone) { return phone.e164() == form.identity.mobile_phone; });
  if (!registered_phone) {
    // The choices, masked as the phone list shows them: never a whole number.
    std::string choices;
    for (const auto& phone : person.mobile_phones) choices += (choices.empty() ? "" : ", ") + phone.masked();
    return refuse(http::problem_response(
        ctx, status::unprocessable_entity, "phone_not_registered",
        "The mobile number is not registered to the applicant", "choose one of GET /api/v1/me/phones",
        {make_field_error("identity.mobile_phone", ValidationCode::not_offered, choices)}));
  }
  std::string missing;
  for (const auto& notice : institution.notices) {
    if (std::find(submission.acknowledged.begin(), submission.acknowledged.end(), notice.id) ==
        submission.acknowledged.end()) {
      missing += (missing.empty() ? "" : ", ") + notice.id;
    }
  }
  if (!missing.empty()) {
    return refuse(http::problem_response(ctx, status::unprocessable_entity, "notices_not_acknowledged",
                                         "Every notice of the institution must be acknowledged",
                                         "not acknowledged: " + missing));
  }
  const auto fee =
      services.fees.fee_for(*form.certificate.validity_years, form.certificate.card_reader.value_or(false));
  if (!fee) {
    return refuse(
        http::problem_response(ctx, status::unprocessable_entity, "invalid_form", "The form has problems",
                               "the fee table has no price for this period and card-reader choice",
                               {make_field_error("certificate.validity_years", ValidationCode::not_offered)}));
  }
  std::optional<std::string> renews;
  if (submission.renews) {
    renews = revocation::normalized_serial(*submission.renews);
    if (!renews) {
      return refuse(http::problem_response(ctx, status::bad_request, "invalid_request",
                                           "renews is not a certificate serial", "hexadecimal, at most 20 octets"));
    }
    if (auto refusal = refuse_renewal(services, ctx, caller, *renews, now_ms())) return refuse(std::move(*refusal));
  }
  return {CheckedSubmission{.form = form, .institution = &institution, .fee = *fee, .renews = std::move(renews)}, {}};
}

http::Response insert_application(Services& services, const http::RequestContext& ctx, const Caller& caller,
                                  const CheckedSubmission& checked, const std::string& idempotency_key,
                                  const store::ApplicationStore::WithinTransaction& within,
                                  const std::function<http::Response()>& refused) {
  const std::int64_t now = now_ms();
  auto issued = issue_code(services.otp, now);
  store::ApplicationRecord record;
  record.tckn = caller.session.tckn;
  record.institution_id = checked.institution->id;
  record.payer = checked.institution->payment;
  record.status = ApplicationStatus::otp_pending;
  // The security word is kept as a salted hash only, apart from the form.
  ApplicationForm stored = checked.form;
  if (stored.certificate.security_word) {
    record.security_word_hash =
        registry::PasswordHash::make(stored.certificate.security_word->reveal(), registry::PasswordHash::min_iterations)
            .to_text();
    stored.certificate.security_word.reset();
  }
  record.form_json = std::string(encode_form_json(stored).reveal());
  record.phone = checked.form.identity.mobile_phone;
  record.fee = checked.fee;
  record.idempotency_key = idempotency_key;
  record.request_digest = crypto::base64url_encode(crypto::sha256(ctx.request.body()));
  record.otp = issued.record;
  record.renews = checked.renews;
  record.created_at_ms = now;
  record.updated_at_ms = now;

  const std::string masked = caller.person.tckn.masked();
  // A replay sends nothing, so only a submission that may create an
  // application counts against the SMS limits.
  if (!services.applications.find_by_key(record.tckn, idempotency_key)) {
    if (const auto wait = limit_sms(services, ctx, record.tckn)) {
      return http::retry_later(ctx, "rate_limited", "Too many SMS codes; wait", wait);
    }
  }
  auto inserted = services.applications.insert(std::move(record), within);
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
    case store::InsertOutcome::refused:
      if (refused) return refused();
      break;
  }
  return http::problem_response(ctx, status::internal_server_error, "internal", "Internal error");
}

}  // namespace nes::portal::api
