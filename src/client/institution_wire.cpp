#include "client/institution_wire.hpp"

#include "client/wire.hpp"
#include "client/wire_reading.hpp"
#include "form/form_object.hpp"

#include <boost/json/serialize.hpp>

namespace nes::client {

namespace {

using namespace reading;  // NOLINT(google-build-using-namespace): the wire's own vocabulary

std::optional<ApplicationStatus> status_of(const json::object& o) {
  return application_status_from_string(text(o, "status"));
}

SecretString secret_text(const json::object& o, std::string_view name) {
  const auto& v = member(o, name);
  if (!v.is_string()) throw NotTheProtocol{};
  return SecretString(std::string_view(v.get_string()));
}

Institution institution(const json::value& v) {
  // The catalogue's own reader, on a catalogue of one.
  const json::object catalogue{{"institutions", json::array{v}}};
  auto decoded = decode_institution_catalogue(json::serialize(catalogue));
  if (!decoded || decoded->size() != 1) throw NotTheProtocol{};
  return std::move(decoded).value().front();
}

StaffRequestInfo request_info(const json::value& v) {
  const auto& o = object(v);
  StaffRequestInfo r;
  r.request_id = text(o, "request_id");
  r.tckn = secret_text(o, "tckn");
  r.first_name = text(o, "first_name");
  r.last_name = text(o, "last_name");
  r.unit = text(o, "unit");
  r.work_email = text(o, "work_email");
  r.application_id = optional_text(o, "application_id");
  r.created_at = time(o, "created_at");
  return r;
}

StaffApplication staff_application(const json::value& v) {
  const auto& o = object(v);
  StaffApplication a;
  a.id = text(o, "id");
  a.tckn = secret_text(o, "tckn");
  a.first_name = text(o, "first_name");
  a.last_name = text(o, "last_name");
  a.unit = text(o, "unit");
  const auto status = status_of(o);
  if (!status) throw NotTheProtocol{};
  a.status = *status;
  a.fee = fee(member(o, "fee"));
  a.approval = optional_text(o, "approval");
  a.held_back_reason = optional_text(o, "held_back_reason");
  a.invoice_id = optional_text(o, "invoice_id");
  a.created_at = time(o, "created_at");
  a.updated_at = time(o, "updated_at");
  return a;
}

ListDecisionStatus decision_status(std::string_view name) {
  if (name == "awaiting_signature") return ListDecisionStatus::awaiting_signature;
  if (name == "signed") return ListDecisionStatus::signed_by_officer;
  if (name == "paid") return ListDecisionStatus::paid;
  throw NotTheProtocol{};
}

}  // namespace

std::optional<InstitutionAccess> decode_institution_access(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    InstitutionAccess access;
    access.request_id = text(o, "request_id");
    access.institution = institution(member(o, "institution"));
    // Only the fields the officer's row gives: decoded, not validated.
    auto form = detail::decode_form_object(object(member(o, "form")));
    if (!form.errors.empty() || !form.form) throw NotTheProtocol{};
    access.form = std::move(*form.form);
    return access;
  });
}

SecretString encode_staff_requests(const std::vector<StaffRequest>& rows) {
  std::string text = R"({"requests":[)";
  bool first = true;
  for (const auto& row : rows) {
    const json::object o{{"tckn", row.tckn.reveal()}, {"first_name", row.first_name}, {"last_name", row.last_name},
                         {"unit", row.unit},          {"work_email", row.work_email}, {"work_phone", row.work_phone}};
    std::string item = json::serialize(o);
    text += (first ? "" : ",") + item;
    secure_wipe(item.data(), item.size());
    first = false;
  }
  text += "]}";
  SecretString body(text);
  secure_wipe(text.data(), text.size());
  return body;
}

std::optional<StaffRequestReport> decode_staff_request_report(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    StaffRequestReport report;
    report.accepted = small_integer(member(o, "accepted"));
    report.created = small_integer(member(o, "created"));
    report.refused = small_integer(member(o, "refused"));
    for (const auto& item : array(o, "rows")) {
      const auto& r = object(item);
      StaffRequestOutcome row;
      const auto index = integer(member(r, "row"));
      if (index < 0) throw NotTheProtocol{};
      row.row = static_cast<std::size_t>(index);
      const auto status = text(r, "status");
      if (status != "accepted" && status != "refused") throw NotTheProtocol{};
      row.accepted = status == "accepted";
      if (row.accepted) {
        row.request_id = text(r, "request_id");
        row.created = boolean(r, "created");
      } else {
        std::string unknown;
        row.errors = field_errors(array(r, "errors"), unknown);
        // A code this SDK cannot name is still a refusal: said, never dropped.
        if (!unknown.empty()) row.errors.push_back(make_field_error("", ValidationCode::unknown_value, unknown));
      }
      report.rows.push_back(std::move(row));
    }
    return report;
  });
}

std::optional<InstitutionOverview> decode_institution_overview(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    InstitutionOverview overview;
    overview.institution = institution(member(o, "institution"));
    for (const auto& r : array(o, "requests")) overview.requests.push_back(request_info(r));
    for (const auto& a : array(o, "applications")) overview.applications.push_back(staff_application(a));
    return overview;
  });
}

std::string encode_decision_request(std::string_view version, const std::vector<HeldBack>& excluded) {
  json::array rows;
  for (const auto& held : excluded) rows.push_back({{"application_id", held.application_id}, {"reason", held.reason}});
  return json::serialize(json::object{{"version", version}, {"excluded", std::move(rows)}});
}

std::optional<ListDecision> decode_list_decision(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    ListDecision d;
    d.id = text(o, "id");
    d.institution_id = text(o, "institution_id");
    d.version = text(o, "version");
    d.status = decision_status(text(o, "status"));
    for (const auto& id : array(o, "included")) {
      if (!id.is_string()) throw NotTheProtocol{};
      d.included.emplace_back(id.get_string());
    }
    for (const auto& item : array(o, "excluded")) {
      const auto& h = object(item);
      d.excluded.emplace_back(text(h, "application_id"), text(h, "reason"));
    }
    d.total = Money::from_kurus(integer(member(o, "total_kurus")));
    d.document = text(o, "document");
    d.created_at = time(o, "created_at");
    if (o.if_contains("signed_at") != nullptr) d.signed_at = time(o, "signed_at");
    return d;
  });
}

}  // namespace nes::client
