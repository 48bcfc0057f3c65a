#include "portal/api/admin_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/own_application.hpp"
#include "portal/api/shipping.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/form.hpp"

#include <nes/tckn.hpp>

#include <memory>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// The events Kamu SM takes; the others are the applicant's.
bool is_admin_event(LifecycleEvent event) {
  switch (event) {
    case LifecycleEvent::accepted_for_payment:
    case LifecycleEvent::wet_form_received:
    case LifecycleEvent::payment_recorded:
    case LifecycleEvent::production_started:
    case LifecycleEvent::shipped:
    case LifecycleEvent::completed:
    case LifecycleEvent::rejected:
    case LifecycleEvent::expired:
      return true;
    default:
      return false;
  }
}

std::optional<http::Response> refuse_unless_admin(const http::RequestContext& ctx, const SecretString& token) {
  const std::string_view header = ctx.request[http::bhttp::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (header.starts_with(scheme) && crypto::constant_time_equal(header.substr(scheme.size()), token.reveal())) {
    return std::nullopt;
  }
  auto res = http::problem_response(ctx, status::unauthorized, "unauthenticated", "The admin token is required");
  res.set(http::bhttp::field::www_authenticate, "Bearer realm=\"nes-portal admin\"");
  return res;
}

http::Response list_all(Services& services, http::RequestContext& ctx) {
  const auto query = http::parse_form(ctx.query);
  if (!query) return http::problem_response(ctx, status::bad_request, "invalid_request", "Malformed query");
  store::ApplicationFilter filter;
  for (const auto& [name, value] : *query) {
    if (name == "status") {
      filter.status = application_status_from_string(value);
      if (!filter.status) return http::problem_response(ctx, status::bad_request, "invalid_request", "Unknown status");
    } else if (name == "tckn") {
      if (!Tckn::is_valid(value)) {
        return http::problem_response(ctx, status::bad_request, "invalid_request", "tckn is not a T.C. Kimlik No");
      }
      filter.tckn = value;
    } else {
      return http::problem_response(ctx, status::bad_request, "invalid_request", "Unknown query parameter",
                                    "status and tckn are known");
    }
  }
  const std::int64_t now = now_ms();
  boost::json::array list;
  for (const auto& application : services.applications.list(filter)) list.push_back(application_json(application, now));
  return http::json_response(ctx, status::ok, {{"applications", std::move(list)}});
}

http::Response transition(Services& services, http::RequestContext& ctx) {
  std::optional<LifecycleEvent> event;
  std::optional<std::int64_t> amount;
  std::string reason;
  std::optional<std::int64_t> validity_days;
  if (auto refusal = read_json_body(
          ctx, {"event"},
          [&](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
            if (key == "event") {
              r.read_choice(v, at, event, lifecycle_event_from_string, "a lifecycle event");
              if (event && !is_admin_event(*event)) {
                r.report(at, ValidationCode::unknown_value, "an admin event");
              }
              return true;
            }
            if (key == "amount_kurus") {
              if (v.is_int64()) {
                amount = v.get_int64();
              } else {
                r.report(at, ValidationCode::wrong_type, "integer");
              }
              return true;
            }
            if (key == "reason") return r.read(v, at, reason), true;
            if (key == "validity_days") {
              if (!v.is_int64()) {
                r.report(at, ValidationCode::wrong_type, "integer");
              } else if (v.get_int64() < 1 || v.get_int64() > 3650) {
                r.report(at, ValidationCode::out_of_range, "1-3650");
              } else {
                validity_days = v.get_int64();
              }
              return true;
            }
            return false;
          })) {
    return std::move(*refusal);
  }
  if (validity_days && event != LifecycleEvent::shipped) {
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_request",
                                  "validity_days goes with shipped only");
  }
  if (event == LifecycleEvent::shipped) return ship(services, ctx, reason, static_cast<int>(validity_days.value_or(0)));
  if (event == LifecycleEvent::payment_recorded && !amount) {
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_request",
                                  "payment_recorded needs amount_kurus");
  }
  enum class Refusal { none, transition, wrong_amount, by_invoice } refusal = Refusal::none;
  ApplicationStatus status_then{};
  const auto after = services.applications.modify(ctx.path_params.at(0), [&](store::ApplicationRecord& a) {
    status_then = a.status;
    const auto next = next_status(a.status, *event, a.payer);
    if (!next) {
      refusal = Refusal::transition;
      return false;
    }
    if (*event == LifecycleEvent::payment_recorded && a.payer == PaymentKind::institution_paid) {
      refusal = Refusal::by_invoice;
      return false;
    }
    if (*event == LifecycleEvent::payment_recorded && *amount != a.fee.total.kurus()) {
      refusal = Refusal::wrong_amount;
      return false;
    }
    a.status = *next;
    return true;
  });
  if (!after) return http::problem_response(ctx, status::not_found, "not_found", "No such application");
  if (refusal == Refusal::transition) return invalid_transition(ctx, status_then, to_string(*event));
  if (refusal == Refusal::by_invoice) {
    return http::problem_response(
        ctx, status::conflict, "paid_by_invoice", "The institution pays by invoice",
        "record the payment of invoice " + after->invoice_id.value_or("-") + ": POST /admin/v1/invoices/{id}/payment");
  }
  if (refusal == Refusal::wrong_amount) {
    return http::problem_response(ctx, status::unprocessable_entity, "payment_amount_mismatch",
                                  "The amount is not the fee",
                                  "the fee is " + std::to_string(after->fee.total.kurus()) + " kuruş");
  }
  services.database.audit("admin_" + std::string(to_string(*event)), "admin",
                          after->id + (reason.empty() ? "" : ": " + reason));
  return http::json_response(ctx, status::ok, application_json(*after, now_ms()));
}

// The institution's payment of a signed list's invoice.
http::Response pay_invoice(Services& services, http::RequestContext& ctx) {
  std::optional<std::int64_t> amount;
  if (auto refusal = read_json_body(
          ctx, {"amount_kurus"},
          [&](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
            if (key != "amount_kurus") return false;
            if (v.is_int64()) {
              amount = v.get_int64();
            } else {
              r.report(at, ValidationCode::wrong_type, "integer");
            }
            return true;
          })) {
    return std::move(*refusal);
  }
  store::ListDecision invoice;
  const auto outcome = services.institution_work.pay(ctx.path_params.at(0), *amount, invoice);
  using Outcome = store::InstitutionStore::PayOutcome;
  if (outcome == Outcome::not_signed)
    return http::problem_response(ctx, status::not_found, "not_found", "No such invoice");
  if (outcome == Outcome::wrong_amount) {
    return http::problem_response(ctx, status::unprocessable_entity, "payment_amount_mismatch",
                                  "The amount is not the invoice's total",
                                  "the total is " + std::to_string(invoice.total_kurus) + " kuruş");
  }
  if (outcome == Outcome::paid_now) services.database.audit("admin_invoice_paid", "admin", invoice.id);
  boost::json::array applications(invoice.included.begin(), invoice.included.end());
  return http::json_response(ctx, status::ok,
                             {{"id", invoice.id},
                              {"institution_id", invoice.institution_id},
                              {"total_kurus", invoice.total_kurus},
                              {"applications", std::move(applications)},
                              {"paid_at", format_utc(invoice.paid_at_ms.value_or(0))}});
}

// Kamu SM revokes at the holder's request (or suspends: certificateHold).
http::Response revoke(Services& services, http::RequestContext& ctx) {
  std::string authority;
  std::string serial_text;
  std::string reason_name = "unspecified";
  std::optional<std::string> serial;
  std::optional<int> reason = 0;
  if (auto refusal = read_json_body(
          ctx, {"authority", "serial"},
          [&](detail::json::Reader& r, std::string_view key, const boost::json::value& v, const std::string& at) {
            if (key == "authority") return r.read(v, at, authority), true;
            if (key == "serial") {
              // An empty or wrong serial is reported, never looked up.
              if (r.read(v, at, serial_text)) {
                serial = revocation::normalized_serial(serial_text);
                if (!serial) r.report(at, ValidationCode::invalid_character, "0-9, A-F; 40 at most");
              }
              return true;
            }
            if (key == "reason") {
              r.read(v, at, reason_name);
              reason = revocation::crl_reason_from_name(reason_name);
              if (!reason) r.report(at, ValidationCode::unknown_value, "an RFC 5280 reason");
              return true;
            }
            return false;
          })) {
    return std::move(*refusal);
  }
  store::Revocation on_record;
  const auto outcome = services.certificate_status.revoke(authority, *serial, *reason, on_record);
  if (outcome == revocation::CertificateStatus::Outcome::unknown_authority) {
    return http::problem_response(ctx, status::not_found, "not_found", "No certificate status for this authority");
  }
  const bool fresh = outcome == revocation::CertificateStatus::Outcome::revoked;
  if (fresh) services.database.audit("admin_revoked", "admin", authority + " " + on_record.serial + " " + reason_name);
  return http::json_response(ctx, fresh ? status::created : status::ok,
                             {{"authority", authority},
                              {"serial", on_record.serial},
                              {"revoked_at", format_utc(on_record.revoked_at_ms)},
                              {"reason_code", on_record.reason}});
}

}  // namespace

void add_admin_routes(http::Router& router, Services& services, SecretString admin_token) {
  auto token = std::make_shared<const SecretString>(std::move(admin_token));
  router.add(http::bhttp::verb::get, "/admin/v1/applications", [&services, token](http::RequestContext& ctx) {
    if (auto refusal = refuse_unless_admin(ctx, *token)) return std::move(*refusal);
    return list_all(services, ctx);
  });
  router.add(http::bhttp::verb::post, "/admin/v1/applications/{id}/transitions",
             [&services, token](http::RequestContext& ctx) {
               if (auto refusal = refuse_unless_admin(ctx, *token)) return std::move(*refusal);
               return transition(services, ctx);
             });
  router.add(http::bhttp::verb::get, "/admin/v1/applications/{id}/card", [&services, token](http::RequestContext& ctx) {
    if (auto refusal = refuse_unless_admin(ctx, *token)) return std::move(*refusal);
    return collect_card(services, ctx);
  });
  router.add(http::bhttp::verb::post, "/admin/v1/invoices/{id}/payment", [&services, token](http::RequestContext& ctx) {
    if (auto refusal = refuse_unless_admin(ctx, *token)) return std::move(*refusal);
    return pay_invoice(services, ctx);
  });
  router.add(http::bhttp::verb::post, "/admin/v1/revocations", [&services, token](http::RequestContext& ctx) {
    if (auto refusal = refuse_unless_admin(ctx, *token)) return std::move(*refusal);
    return revoke(services, ctx);
  });
}

}  // namespace nes::portal::api
