// Step 12: the document to sign, approval by e-imza, approval by wet signature.

#include "portal/api/application_api.hpp"
#include "portal/api/e_onay_api.hpp"
#include "portal/api/own_application.hpp"
#include "portal/api/renewal.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"

namespace nes::portal::api {

namespace {

using http::bhttp::status;

http::Response document(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, false);
  if (!own.ok()) return std::move(own.refusal);
  if (!own.application->document) return invalid_transition(ctx, own.application->status, "the approval document");
  const std::string& bytes = *own.application->document;
  auto res = http::response(ctx, status::ok, "text/plain; charset=utf-8", bytes);
  res.set("Repr-Digest", "sha-256=:" + crypto::base64_encode(crypto::sha256(bytes)) + ":");
  return res;
}

// Moves an awaiting_approval application by `event`; the refusal when its
// status changed meanwhile.
template <class Apply>
http::Response approve(Services& services, http::RequestContext& ctx, const OwnApplication& own, LifecycleEvent event,
                       std::string_view action, Apply apply) {
  std::optional<ApplicationStatus> refused_in;
  const auto after = services.applications.modify(own.application->id, [&](store::ApplicationRecord& a) {
    const auto next =
        a.status == ApplicationStatus::awaiting_approval ? next_status(a.status, event, a.payer) : std::nullopt;
    if (!next) {
      refused_in = a.status;
      return false;
    }
    a.status = *next;
    apply(a);
    return true;
  });
  if (refused_in) return invalid_transition(ctx, *refused_in, action);
  services.database.audit(std::string(to_string(event)), own.caller->person.tckn.masked(), after->id);
  return http::json_response(ctx, status::ok, application_json(*after, now_ms()));
}

http::Response e_signature(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  if (auto refusal = http::refuse_unless_signature(ctx)) return std::move(*refusal);
  if (own.application->status != ApplicationStatus::awaiting_approval || !own.application->document) {
    return invalid_transition(ctx, own.application->status, "approval by e-imza");
  }
  const approval::SigningWindow window{.not_before_ms = own.application->created_at_ms, .now_ms = now_ms()};
  const auto result =
      services.signatures.check(ctx.request.body(), *own.application->document, own.application->tckn, window);
  if (result.verdict != approval::Verdict::accepted) {
    services.database.audit("e_signature_refused", own.caller->person.tckn.masked(),
                            own.application->id + ": " + std::string(to_string(result.verdict)));
    return http::problem_response(ctx, status::unprocessable_entity, to_string(result.verdict),
                                  "The e-imza approval is not accepted", result.detail);
  }
  if (auto refusal =
          refuse_renewal_approval(services, ctx, *own.application, result.signer_certificate_pem, window.now_ms)) {
    services.database.audit("e_signature_refused", own.caller->person.tckn.masked(),
                            own.application->id + ": not the renewed certificate's");
    return std::move(*refusal);
  }
  const std::string signature = ctx.request.body();
  return approve(services, ctx, own, LifecycleEvent::e_signature_approved, "approval by e-imza",
                 [&](store::ApplicationRecord& a) {
                   a.approval = "e_signature";
                   a.signature = signature;
                 });
}

http::Response wet_signature(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  if (auto refusal = refuse_renewal_approval(services, ctx, *own.application, {}, now_ms())) {
    return std::move(*refusal);
  }
  return approve(services, ctx, own, LifecycleEvent::wet_signature_chosen, "approval by wet signature",
                 [](store::ApplicationRecord& a) { a.approval = "wet_signature"; });
}

// "e-onaylı": the person's standing E-Onay approves it; the SMS code of step
// 11 was its confirmation. Not for a renewal, which its old certificate signs.
http::Response e_onay(Services& services, http::RequestContext& ctx) {
  auto own = own_application(services, ctx, true);
  if (!own.ok()) return std::move(own.refusal);
  if (auto refusal = refuse_renewal_approval(services, ctx, *own.application, {}, now_ms())) {
    return std::move(*refusal);
  }
  if (!e_onay_stands(services, own.application->tckn)) {
    return http::problem_response(ctx, status::conflict, "e_onay_not_given", "No E-Onay stands",
                                  "give it at /api/v1/e-onay, or approve by e-imza or wet signature");
  }
  return approve(services, ctx, own, LifecycleEvent::e_onay_approved, "approval by E-Onay",
                 [](store::ApplicationRecord& a) { a.approval = "e_onay"; });
}

}  // namespace

void add_approval_routes(http::Router& router, Services& services) {
  router.add(http::bhttp::verb::get, "/api/v1/applications/{id}/approval/document",
             [&services](http::RequestContext& ctx) { return document(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/approval/e-signature",
             [&services](http::RequestContext& ctx) { return e_signature(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/approval/wet-signature",
             [&services](http::RequestContext& ctx) { return wet_signature(services, ctx); });
  router.add(http::bhttp::verb::post, "/api/v1/applications/{id}/approval/e-onay",
             [&services](http::RequestContext& ctx) { return e_onay(services, ctx); });
}

}  // namespace nes::portal::api
