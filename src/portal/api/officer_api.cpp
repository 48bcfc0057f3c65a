#include "portal/api/officer_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"
#include "portal/institution/access_code.hpp"
#include "portal/institution/list_document.hpp"
#include "text/field_text.hpp"

#include <nes/email.hpp>
#include <nes/form_json.hpp>
#include <nes/person_name.hpp>
#include <nes/phone.hpp>
#include <nes/tckn.hpp>

#include <boost/json/array.hpp>

#include <set>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// As the form allows (form_validation.cpp) and a batch reasonably holds.
constexpr std::size_t max_unit_length = 100;
constexpr std::size_t max_rows = 1000;

struct RequestRow {
  std::string tckn;
  std::string first_name;
  std::string last_name;
  std::string unit;
  std::string work_email;
  std::string work_phone;

  ~RequestRow() { secure_wipe(tckn.data(), tckn.size()); }
};

// Re-homes a value parser's problems under `path` ("" → path, "first_name"
// → path.first_name); `whole`: every one at `path` itself, as a one-field
// value ("number" of a phone is the row's work_phone).
void adopt(const FieldErrors& errors, const std::string& path, FieldErrors& out, bool whole = false) {
  for (const auto& e : errors) {
    FieldError moved = e;
    moved.field = e.field.empty() || whole ? path : path + "." + e.field;
    out.push_back(std::move(moved));
  }
}

// The row's own problems, with the SDK's validators; the values normalised
// into `row` when there are none.
FieldErrors check_row(RequestRow& row, const std::string& at) {
  FieldErrors errors;
  if (auto tckn = Tckn::parse(row.tckn); !tckn) adopt(tckn.errors(), at + ".tckn", errors);
  if (auto name = PersonName::parse(row.first_name, row.last_name)) {
    row.first_name = name->first();
    row.last_name = name->last();
  } else {
    adopt(name.errors(), at, errors);
  }
  if (auto unit =
          detail::check_required_text(row.unit, {detail::TextKind::free_text, max_unit_length}, at + ".unit", errors)) {
    row.unit = *unit;
  }
  if (auto email = Email::parse(row.work_email)) {
    row.work_email = email->address();
  } else {
    adopt(email.errors(), at + ".work_email", errors);
  }
  if (auto phone = LandlinePhone::parse(row.work_phone)) {
    row.work_phone = phone->e164();
  } else {
    adopt(phone.errors(), at + ".work_phone", errors, true);
  }
  return errors;
}

// The registry's word on a row whose values are good: staff of the
// institution, under the registered name.
FieldErrors check_against_registry(const registry::PersonnelRegistry& people, const Institution& institution,
                                   const RequestRow& row, const std::string& at) {
  FieldErrors errors;
  const registry::Person* person = people.find(row.tckn);
  if (person == nullptr || !person->is_staff_of(institution.id)) {
    errors.push_back(make_field_error(at + ".tckn", ValidationCode::not_staff));
    return errors;
  }
  if (!registry::same_name(row.first_name, person->first_name)) {
    errors.push_back(make_field_error(at + ".first_name", ValidationCode::not_as_registered));
  }
  if (!registry::same_name(row.last_name, person->last_name)) {
    errors.push_back(make_field_error(at + ".last_name", ValidationCode::not_as_registered));
  }
  return errors;
}

std::optional<http::Response> read_rows(const http::RequestContext& ctx, std::vector<RequestRow>& rows) {
  return read_json_body(
      ctx, {"requests"},
      [&](detail::json::Reader& r, std::string_view name, const boost::json::value& v, const std::string& at) {
        if (name != "requests") return false;
        const auto* items = r.array(v, at);
        if (items != nullptr && items->size() > max_rows) {
          r.report(at, ValidationCode::too_long, "at most " + std::to_string(max_rows) + " rows");
          return true;
        }
        for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
          const std::string row_at = at + "[" + std::to_string(i) + "]";
          const auto* o = r.object((*items)[i], row_at);
          if (o == nullptr) continue;
          RequestRow& row = rows.emplace_back();
          r.members(*o, row_at, [&](std::string_view key, const boost::json::value& value, const std::string& path) {
            if (key == "tckn") return r.read(value, path, row.tckn), true;
            if (key == "first_name") return r.read(value, path, row.first_name), true;
            if (key == "last_name") return r.read(value, path, row.last_name), true;
            if (key == "unit") return r.read(value, path, row.unit), true;
            if (key == "work_email") return r.read(value, path, row.work_email), true;
            if (key == "work_phone") return r.read(value, path, row.work_phone), true;
            return false;
          });
        }
        return true;
      });
}

void send_access_code(const Services& services, const store::InstitutionRequest& request, const SecretString& code) {
  if (!services.email) return;
  services.email(EmailMessage{.to = request.work_email,
                              .access_code = code,
                              .institution = request.institution_id,
                              .request = request.id,
                              .at = format_utc(now_ms())});
}

http::Response list_institutions(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, false);
  if (!auth.caller) return std::move(auth.refusal);
  boost::json::array list;
  for (const auto& id : auth.caller->person.officer_of) {
    if (const Institution* institution = services.institution(id)) list.push_back(institution_json(*institution));
  }
  return http::json_response(ctx, status::ok, {{"institutions", std::move(list)}});
}

http::Response upload_requests(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, true);
  if (!call.ok()) return std::move(call.refusal);
  std::vector<RequestRow> rows;
  if (auto refusal = read_rows(ctx, rows)) return std::move(*refusal);
  boost::json::array report;
  std::set<std::string> seen;
  int accepted = 0;
  int created = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    RequestRow& row = rows[i];
    const std::string at = "requests[" + std::to_string(i) + "]";
    FieldErrors errors = check_row(row, at);
    if (errors.empty() && !seen.insert(row.tckn).second) {
      errors.push_back(make_field_error(at + ".tckn", ValidationCode::duplicate_person));
    }
    if (errors.empty()) errors = check_against_registry(services.people, *call.institution, row, at);
    if (!errors.empty()) {
      report.push_back({{"row", i}, {"status", "refused"}, {"errors", http::field_errors_json(errors)}});
      continue;
    }
    const SecretString code = institution::new_access_code();
    auto [request, is_new] = services.institution_work.add_request(
        {.institution_id = call.institution->id,
         .tckn = row.tckn,
         .first_name = row.first_name,
         .last_name = row.last_name,
         .unit = row.unit,
         .work_email = row.work_email,
         .work_phone = row.work_phone,
         .officer_tckn = call.caller->session.tckn,
         .created_at_ms = now_ms()},
        [&](std::string_view id) {
          return institution::access_code_hash(id, *institution::normalized_access_code(code.reveal()));
        });
    ++accepted;
    if (is_new) {
      ++created;
      send_access_code(services, request, code);
      services.database.audit("institution_request_created", call.caller->person.tckn.masked(),
                              request.id + " " + call.institution->id);
    }
    report.push_back({{"row", i}, {"status", "accepted"}, {"request_id", request.id}, {"created", is_new}});
  }
  return http::json_response(ctx, status::ok,
                             {{"institution", call.institution->id},
                              {"accepted", accepted},
                              {"created", created},
                              {"refused", static_cast<int>(rows.size()) - accepted},
                              {"rows", std::move(report)}});
}

boost::json::object staff_application_json(const store::ApplicationRecord& a) {
  const auto decoded = decode_form_json(a.form_json);
  const ApplicationForm form = decoded.form.value_or(ApplicationForm{});
  boost::json::object o{{"id", a.id},
                        {"tckn", a.tckn},
                        {"first_name", form.identity.first_name},
                        {"last_name", form.identity.last_name},
                        {"unit", form.institution.unit},
                        {"status", to_string(a.status)},
                        {"fee", fee_json(a.fee)},
                        {"created_at", format_utc(a.created_at_ms)},
                        {"updated_at", format_utc(a.updated_at_ms)}};
  if (a.approval) o["approval"] = *a.approval;
  if (a.held_back_reason) o["held_back_reason"] = *a.held_back_reason;
  if (a.invoice_id) o["invoice_id"] = *a.invoice_id;
  return o;
}

http::Response institution_applications(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, false);
  if (!call.ok()) return std::move(call.refusal);
  boost::json::array requests;
  for (const auto& r : services.institution_work.requests_of_institution(call.institution->id)) {
    boost::json::object o{{"request_id", r.id},
                          {"tckn", r.tckn},
                          {"first_name", r.first_name},
                          {"last_name", r.last_name},
                          {"unit", r.unit},
                          {"work_email", r.work_email},
                          {"created_at", format_utc(r.created_at_ms)}};
    if (r.application_id) o["application_id"] = *r.application_id;
    requests.push_back(std::move(o));
  }
  boost::json::array applications;
  for (const auto& a : services.applications.list({.tckn = {}, .status = {}, .institution_id = call.institution->id})) {
    applications.push_back(staff_application_json(a));
  }
  return http::json_response(ctx, status::ok,
                             {{"institution", institution_json(*call.institution)},
                              {"requests", std::move(requests)},
                              {"applications", std::move(applications)}});
}

http::Response list_document(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, false);
  if (!call.ok()) return std::move(call.refusal);
  auto list = current_list(services, *call.institution);
  auto res = http::response(ctx, status::ok, "text/plain; charset=utf-8", list.document);
  res.set(http::bhttp::field::etag, "\"" + list.version + "\"");
  res.set("Repr-Digest", "sha-256=:" + crypto::base64_encode(crypto::sha256(list.document)) + ":");
  return res;
}

}  // namespace

OfficerCall officer_call(Services& services, const http::RequestContext& ctx, bool changes_state) {
  auto auth = authenticate(services, ctx, changes_state);
  if (!auth.caller) return {std::nullopt, nullptr, std::move(auth.refusal)};
  const Institution* institution = services.institution(ctx.path_params.at(0));
  if (institution == nullptr) {
    return {std::move(auth.caller), nullptr,
            http::problem_response(ctx, status::not_found, "not_found", "No such institution")};
  }
  if (!auth.caller->person.is_officer_of(institution->id)) {
    services.database.audit("officer_refused", auth.caller->person.tckn.masked(), institution->id);
    return {
        std::move(auth.caller), nullptr,
        http::problem_response(ctx, status::forbidden, "not_officer", "Not an authorised officer of the institution",
                               "the registry does not name the caller as an officer of " + institution->name)};
  }
  return {std::move(auth.caller), institution, {}};
}

CurrentList current_list(sqlite3* db, const Institution& institution) {
  CurrentList list;
  list.waiting = store::ApplicationStore::list(
      db, {.tckn = {}, .status = ApplicationStatus::awaiting_institution, .institution_id = institution.id});
  list.document = institution::make_list_document(institution, list.waiting);
  list.version = institution::list_version(list.document);
  return list;
}

CurrentList current_list(Services& services, const Institution& institution) {
  return services.database.with_connection([&](sqlite3* db) { return current_list(db, institution); });
}

void add_officer_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::get, "/api/v1/officer/institutions",
             [&services](http::RequestContext& ctx) { return list_institutions(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/officer/institutions/{id}/requests",
             [&services](http::RequestContext& ctx) { return upload_requests(services, ctx); });
  router.add(http::bhttp::verb::get, "/api/v1/officer/institutions/{id}/applications",
             [&services](http::RequestContext& ctx) { return institution_applications(services, ctx); });
  router.add(http::bhttp::verb::get, "/api/v1/officer/institutions/{id}/list",
             [&services](http::RequestContext& ctx) { return list_document(services, ctx); });
  add_officer_decision_routes(router, services);
}

}  // namespace nes::portal::api
