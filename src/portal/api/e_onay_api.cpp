// E-Onay (step 7's E-Onay İşlemleri, docs/adr/0016): a standing consent,
// e-signed once over the portal's text, that the person's later applications
// are approved by their SMS code alone ("e-onaylı"); withdrawn at will.

#include "portal/api/e_onay_api.hpp"

#include "portal/api/own_application.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

boost::json::object state_json(const std::optional<store::EOnayRecord>& consent) {
  if (!consent) return {{"state", "none"}};
  boost::json::object out{{"state", consent->stands() ? "given" : "withdrawn"},
                          {"given_at", format_utc(consent->given_at_ms)}};
  if (consent->withdrawn_at_ms) out["withdrawn_at"] = format_utc(*consent->withdrawn_at_ms);
  return out;
}

http::Response status_of(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, false);
  if (!auth.caller) return std::move(auth.refusal);
  return http::json_response(ctx, status::ok, state_json(services.e_onay.find(auth.caller->session.tckn)));
}

http::Response document(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, false);
  if (!auth.caller) return std::move(auth.refusal);
  return http::response(ctx, status::ok, "text/plain; charset=utf-8", e_onay_document(auth.caller->person));
}

http::Response give(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  if (auto refusal = http::refuse_unless_signature(ctx)) return std::move(*refusal);
  const auto& person = auth.caller->person;
  const std::int64_t now = now_ms();
  // The text is the person's own and fixed: signed just before it is sent.
  const approval::SigningWindow window{.not_before_ms = now - 15 * 60 * 1000, .now_ms = now};
  const auto result =
      services.signatures.check(ctx.request.body(), e_onay_document(person), auth.caller->session.tckn, window);
  if (result.verdict != approval::Verdict::accepted) {
    services.database.audit("e_onay_refused", person.tckn.masked(), std::string(to_string(result.verdict)));
    return http::problem_response(ctx, status::unprocessable_entity, to_string(result.verdict),
                                  "The E-Onay signature is not accepted", result.detail);
  }
  const auto consent = services.e_onay.give(auth.caller->session.tckn, ctx.request.body(), now);
  services.database.audit("e_onay_given", person.tckn.masked());
  return http::json_response(ctx, status::created, state_json(consent));
}

http::Response withdraw(Services& services, http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return std::move(auth.refusal);
  if (!services.e_onay.withdraw(auth.caller->session.tckn, now_ms())) {
    return http::problem_response(ctx, status::conflict, "e_onay_not_given", "No E-Onay stands");
  }
  services.database.audit("e_onay_withdrawn", auth.caller->person.tckn.masked());
  return http::json_response(ctx, status::ok, state_json(services.e_onay.find(auth.caller->session.tckn)));
}

}  // namespace

std::string e_onay_document(const registry::Person& person) {
  return "E-ONAY\n"
         "Kamu SM Nitelikli Elektronik Sertifika başvurularım için sürekli onay\n"
         "Ad Soyad: " +
         person.full_name() + "\nT.C. Kimlik No: " + std::string(person.tckn.digits()) +
         "\nBu onay geri alınana dek, Kamu SM'ye yapacağım NES başvurularımın e-imza ya da ıslak imza olmadan,\n"
         "başvurudaki cep telefonuma gönderilen SMS koduyla onaylanmasına rıza veriyorum.\n"
         "Bu onayı istediğim zaman geri alabilirim.\n";
}

bool e_onay_stands(const Services& services, std::string_view tckn) {
  const auto consent = services.e_onay.find(tckn);
  return consent && consent->stands();
}

void add_e_onay_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::get, "/api/v1/e-onay",
             [&services](http::RequestContext& ctx) { return status_of(services, ctx); });
  router.add(http::bhttp::verb::get, "/api/v1/e-onay/document",
             [&services](http::RequestContext& ctx) { return document(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/e-onay",
             [&services](http::RequestContext& ctx) { return give(services, ctx); });
  router.add(http::bhttp::verb::delete_, "/api/v1/e-onay",
             [&services](http::RequestContext& ctx) { return withdraw(services, ctx); });
}

}  // namespace nes::portal::api
