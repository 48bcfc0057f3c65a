// The officer's decision on the institution's list and its signature
// (ADR 0015): the decision fixes the bytes to sign at one version of the
// list; the signature is verified as an approval is, by a registered officer
// of the institution, and accepted exactly once.

#include "portal/api/json_body.hpp"
#include "portal/api/officer_api.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"
#include "portal/institution/list_document.hpp"
#include "text/field_text.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

constexpr std::size_t max_reason_length = 200;

std::string decision_status(const store::ListDecision& d) {
  if (d.paid_at_ms) return "paid";
  if (d.signature) return "signed";
  return "awaiting_signature";
}

boost::json::object decision_json(const store::ListDecision& d) {
  boost::json::array included(d.included.begin(), d.included.end());
  boost::json::array excluded;
  for (const auto& held : d.excluded) {
    excluded.push_back({{"application_id", held.application_id}, {"reason", held.reason}});
  }
  boost::json::object o{{"id", d.id},
                        {"institution_id", d.institution_id},
                        {"version", d.version},
                        {"status", decision_status(d)},
                        {"included", std::move(included)},
                        {"excluded", std::move(excluded)},
                        {"total_kurus", d.total_kurus},
                        {"document", d.document},
                        {"created_at", format_utc(d.created_at_ms)}};
  if (d.signed_at_ms) o["signed_at"] = format_utc(*d.signed_at_ms);
  if (d.paid_at_ms) o["paid_at"] = format_utc(*d.paid_at_ms);
  return o;
}

http::Response list_changed(const http::RequestContext& ctx, const std::string& current_version) {
  return http::problem_response(ctx, status::conflict, "list_changed", "The list changed since it was served",
                                "fetch the list again and decide on its current version", {},
                                {{"current_version", current_version}});
}

struct DecisionRequest {
  std::string version;
  std::vector<store::HeldBack> excluded;
};

std::optional<http::Response> read_decision_request(const http::RequestContext& ctx, DecisionRequest& out) {
  return read_json_body(
      ctx, {"version"},
      [&](detail::json::Reader& r, std::string_view name, const boost::json::value& v, const std::string& at) {
        if (name == "version") return r.read(v, at, out.version), true;
        if (name != "excluded") return false;
        const auto* items = r.array(v, at);
        for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
          const std::string row_at = at + "[" + std::to_string(i) + "]";
          const auto* o = r.object((*items)[i], row_at);
          if (o == nullptr) continue;
          auto& held = out.excluded.emplace_back();
          r.members(*o, row_at, [&](std::string_view key, const boost::json::value& value, const std::string& path) {
            if (key == "application_id") return r.read(value, path, held.application_id), true;
            if (key == "reason") return r.read(value, path, held.reason), true;
            return false;
          });
        }
        return true;
      });
}

// Each left-out row is on the list once, with a reason of one line.
FieldErrors check_excluded(std::vector<store::HeldBack>& excluded, const CurrentList& list) {
  FieldErrors errors;
  for (std::size_t i = 0; i < excluded.size(); ++i) {
    auto& held = excluded[i];
    const std::string at = "excluded[" + std::to_string(i) + "]";
    const bool on_list = std::any_of(list.waiting.begin(), list.waiting.end(),
                                     [&](const auto& a) { return a.id == held.application_id; });
    if (!on_list) errors.push_back(make_field_error(at + ".application_id", ValidationCode::unknown_value));
    const bool again = std::any_of(excluded.begin(), excluded.begin() + static_cast<std::ptrdiff_t>(i),
                                   [&](const auto& h) { return h.application_id == held.application_id; });
    if (again) errors.push_back(make_field_error(at + ".application_id", ValidationCode::duplicate_field));
    if (auto reason = detail::check_required_text(held.reason, {detail::TextKind::free_text, max_reason_length},
                                                  at + ".reason", errors)) {
      held.reason = *reason;
    }
  }
  return errors;
}

http::Response decide(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, true);
  if (!call.ok()) return std::move(call.refusal);
  DecisionRequest request;
  if (auto refusal = read_decision_request(ctx, request)) return std::move(*refusal);
  const auto list = current_list(services, *call.institution);
  if (request.version != list.version) return list_changed(ctx, list.version);
  if (auto errors = check_excluded(request.excluded, list); !errors.empty()) {
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_request",
                                  "The rows left out have problems", {}, errors);
  }
  store::ListDecision decision{.institution_id = call.institution->id,
                               .officer_tckn = call.caller->session.tckn,
                               .version = list.version,
                               .excluded = request.excluded,
                               .created_at_ms = now_ms()};
  for (const auto& a : list.waiting) {
    const bool left_out = std::any_of(request.excluded.begin(), request.excluded.end(),
                                      [&](const auto& h) { return h.application_id == a.id; });
    if (left_out) continue;
    decision.included.push_back(a.id);
    decision.total_kurus += a.fee.total.kurus();
  }
  if (decision.included.empty()) {
    return http::problem_response(ctx, status::unprocessable_entity, "nothing_to_sign",
                                  "The decision approves no application",
                                  "a list is signed to approve at least one application");
  }
  const registry::Person& officer = call.caller->person;
  const std::string date = format_utc(decision.created_at_ms);
  decision = services.institution_work.add_decision(std::move(decision), [&](const store::ListDecision& d) {
    return institution::make_decision_document(
        list.document, d,
        {.tckn = officer.tckn.digits(), .first_name = officer.first_name, .last_name = officer.last_name}, date);
  });
  services.database.audit("list_decision_created", officer.tckn.masked(), decision.id + " " + decision.institution_id);
  auto res = http::json_response(ctx, status::created, decision_json(decision));
  res.set(http::bhttp::field::location,
          "/api/v1/officer/institutions/" + decision.institution_id + "/list/decisions/" + decision.id);
  return res;
}

// The officer's own decision on that institution; anyone else's is 404.
std::optional<store::ListDecision> own_decision(Services& services, const http::RequestContext& ctx,
                                                const OfficerCall& call) {
  auto decision = services.institution_work.find_decision(ctx.path_params.at(1));
  if (!decision || decision->institution_id != call.institution->id ||
      decision->officer_tckn != call.caller->session.tckn) {
    return std::nullopt;
  }
  return decision;
}

http::Response no_such_decision(const http::RequestContext& ctx) {
  return http::problem_response(ctx, status::not_found, "not_found", "No such decision");
}

http::Response get_decision(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, false);
  if (!call.ok()) return std::move(call.refusal);
  const auto decision = own_decision(services, ctx, call);
  if (!decision) return no_such_decision(ctx);
  return http::json_response(ctx, status::ok, decision_json(*decision));
}

http::Response decision_document(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, false);
  if (!call.ok()) return std::move(call.refusal);
  const auto decision = own_decision(services, ctx, call);
  if (!decision) return no_such_decision(ctx);
  auto res = http::response(ctx, status::ok, "text/plain; charset=utf-8", decision->document);
  res.set("Repr-Digest", "sha-256=:" + crypto::base64_encode(crypto::sha256(decision->document)) + ":");
  return res;
}

// The same signature again gets the first answer; another one is refused.
http::Response signed_earlier(const http::RequestContext& ctx, const store::ListDecision& decision,
                              const std::string& signature) {
  if (crypto::constant_time_equal(*decision.signature, signature)) {
    return http::json_response(ctx, status::ok, decision_json(decision));
  }
  return http::problem_response(ctx, status::conflict, "decision_already_signed", "The decision is already signed",
                                "a decision is signed once; fetch the list for the next one");
}

http::Response sign(Services& services, http::RequestContext& ctx) {
  auto call = officer_call(services, ctx, true);
  if (!call.ok()) return std::move(call.refusal);
  if (auto refusal = http::refuse_unless_signature(ctx)) return std::move(*refusal);
  const auto decision = own_decision(services, ctx, call);
  if (!decision) return no_such_decision(ctx);
  const std::string signature = ctx.request.body();
  if (decision->signature) return signed_earlier(ctx, *decision, signature);
  const std::string version_now = current_list(services, *call.institution).version;
  if (version_now != decision->version) return list_changed(ctx, version_now);
  const approval::SigningWindow window{.not_before_ms = decision->created_at_ms, .now_ms = now_ms()};
  const auto result = services.signatures.check(signature, decision->document, call.caller->session.tckn, window);
  const std::string masked = call.caller->person.tckn.masked();
  if (result.verdict != approval::Verdict::accepted) {
    // The portal checks the signer against the caller, a registered officer.
    const std::string_view code = result.verdict == approval::Verdict::signer_not_applicant
                                      ? std::string_view("signer_not_officer")
                                      : approval::to_string(result.verdict);
    services.database.audit("list_signature_refused", masked, decision->id + ": " + std::string(code));
    return http::problem_response(ctx, status::unprocessable_entity, code, "The list's signature is not accepted",
                                  result.detail);
  }
  store::ListDecision after;
  const auto outcome = services.institution_work.sign(
      *decision, signature,
      [&](sqlite3* db, const std::string&) { return current_list(db, *call.institution).version; }, after);
  switch (outcome) {
    case store::InstitutionStore::SignOutcome::signed_now:
      services.database.audit("list_signed", masked, after.id + " " + after.institution_id);
      return http::json_response(ctx, status::ok, decision_json(after));
    case store::InstitutionStore::SignOutcome::already_signed:
      return signed_earlier(ctx, after, signature);
    case store::InstitutionStore::SignOutcome::list_changed:
      break;
  }
  return list_changed(ctx, current_list(services, *call.institution).version);
}

}  // namespace

void add_officer_decision_routes(http::Router& router, Services& services) {
  const std::string base = "/api/v1/officer/institutions/{id}/list/decisions";
  router.add(http::bhttp::verb::post, base, [&services](http::RequestContext& ctx) { return decide(services, ctx); });
  router.add(http::bhttp::verb::get, base + "/{decision}",
             [&services](http::RequestContext& ctx) { return get_decision(services, ctx); });
  router.add(http::bhttp::verb::get, base + "/{decision}/document",
             [&services](http::RequestContext& ctx) { return decision_document(services, ctx); });
  router.add(http::bhttp::verb::post, base + "/{decision}/signature",
             [&services](http::RequestContext& ctx) { return sign(services, ctx); });
}

}  // namespace nes::portal::api
