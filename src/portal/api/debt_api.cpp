#include "portal/api/debt_api.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/http/problem.hpp"

#include <nes/form_json.hpp>
#include <nes/tckn.hpp>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// "NES 3 yıl + kart okuyucu", from the stored form.
std::string describe(const store::ApplicationRecord& application) {
  const auto decoded = decode_form_json(application.form_json);
  if (!decoded.form) return "NES";
  const auto& certificate = decoded.form->certificate;
  std::string text = "NES " + std::to_string(certificate.validity_years.value_or(0)) + " yıl";
  if (certificate.card_reader.value_or(false)) text += " + kart okuyucu";
  return text;
}

http::Response inquire(Services& services, http::RequestContext& ctx) {
  SecretString tckn_text;
  if (auto refusal = read_json_body(ctx, {"tckn"}, secret_member("tckn", tckn_text))) return std::move(*refusal);
  const auto tckn = Tckn::parse(tckn_text.reveal());
  if (!tckn) {
    FieldErrors errors;
    for (auto e : tckn.errors()) {
      e.field = "tckn";
      errors.push_back(std::move(e));
    }
    return http::problem_response(ctx, status::unprocessable_entity, "invalid_request",
                                  "The T.C. Kimlik No is not valid", {}, errors);
  }
  const std::string number(tckn->digits());
  if (const auto wait = limit_debt_inquiry(services, ctx, number)) {
    return http::retry_later(ctx, "rate_limited", "Too many inquiries; wait", wait);
  }
  boost::json::array debts;
  std::int64_t total = 0;
  for (const auto& application :
       services.applications.list({.tckn = number, .status = ApplicationStatus::awaiting_payment})) {
    debts.push_back({{"application_id", application.id},
                     {"description", describe(application)},
                     {"amount", fee_json(application.fee)}});
    total += application.fee.total.kurus();
  }
  return http::json_response(ctx, status::ok,
                             {{"tckn_masked", tckn->masked()}, {"debts", std::move(debts)}, {"total", total}});
}

}  // namespace

void add_debt_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::post, "/api/v1/debt-inquiries",
             [&services](http::RequestContext& ctx) { return inquire(services, ctx); });
}

}  // namespace nes::portal::api
