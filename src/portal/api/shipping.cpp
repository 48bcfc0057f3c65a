#include "portal/api/shipping.hpp"

#include "portal/api/own_application.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"

#include <nes/form_json.hpp>

#include <stdexcept>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

// Who the card is for: the registry's name (as MERNIS gives it) and the form's validity.
std::optional<issuance::CardHolder> holder_of(const Services& services, const store::ApplicationRecord& application) {
  const registry::Person* person = services.people.find(application.tckn);
  const auto decoded = decode_form_json(application.form_json);
  const int years = decoded.form ? decoded.form->certificate.validity_years.value_or(0) : 0;
  if (person == nullptr || years <= 0) return std::nullopt;
  return issuance::CardHolder{.application_id = application.id,
                              .tckn = application.tckn,
                              .common_name = person->full_name(),
                              .validity_years = years};
}

}  // namespace

http::Response ship(Services& services, http::RequestContext& ctx, const std::string& reason, int validity_days) {
  const std::string& id = ctx.path_params.at(0);
  const auto application = services.applications.find(id);
  if (!application) return http::problem_response(ctx, status::not_found, "not_found", "No such application");
  if (!next_status(application->status, LifecycleEvent::shipped, application->payer)) {
    return invalid_transition(ctx, application->status, "shipped");
  }
  if (services.issuing_ca == nullptr) {
    return http::problem_response(ctx, status::conflict, "no_issuing_ca", "The portal has no e-imza CA to issue from",
                                  "start the portal with the e-imza CA's certificate and key (--status-ca-cert, "
                                  "--status-ca-key)");
  }
  auto holder = holder_of(services, *application);
  if (!holder) {
    return http::problem_response(ctx, status::internal_server_error, "internal",
                                  "The application's holder or validity cannot be read");
  }
  holder->validity_days = validity_days;
  // Made before the transaction (an RSA key takes a while) and thrown away if the status moved meanwhile.
  store::CertificateRecord card;
  try {
    card = issuance::make_card(*services.issuing_ca, *holder);
  } catch (const std::runtime_error& e) {
    return http::problem_response(ctx, status::internal_server_error, "internal", "The card cannot be made", e.what());
  }
  std::optional<ApplicationStatus> moved_from;
  const auto after = services.applications.modify(
      id,
      [&](store::ApplicationRecord& a) {
        const auto next = next_status(a.status, LifecycleEvent::shipped, a.payer);
        if (!next) {
          moved_from = a.status;
          return false;
        }
        a.status = *next;
        return true;
      },
      [&card](sqlite3* db, const store::ApplicationRecord&) {
        store::CertificateStore::insert(db, card);
        return true;
      });
  if (!after) return http::problem_response(ctx, status::not_found, "not_found", "No such application");
  if (moved_from) return invalid_transition(ctx, *moved_from, "shipped");
  services.database.audit("admin_shipped", "admin", after->id + (reason.empty() ? "" : ": " + reason));
  services.database.audit("certificate_issued", services.people.find(after->tckn)->tckn.masked(),
                          after->id + " " + card.serial);
  return http::json_response(ctx, status::ok, application_json(*after, now_ms()));
}

http::Response collect_card(Services& services, http::RequestContext& ctx) {
  store::CertificateRecord card;
  using Outcome = store::CertificateStore::CollectOutcome;
  const auto outcome = services.certificates.collect_card(ctx.path_params.at(0), now_ms(), card);
  if (outcome == Outcome::no_certificate) {
    return http::problem_response(ctx, status::not_found, "not_found", "No certificate for this application",
                                  "a certificate is issued when the application is shipped");
  }
  if (outcome == Outcome::already_collected) {
    return http::problem_response(ctx, status::conflict, "card_collected", "The card was collected already",
                                  "at " + format_utc(card.card_collected_at_ms.value_or(0)));
  }
  services.database.audit("card_collected", "admin", card.application_id + " " + card.serial);
  auto res = http::json_response(ctx, status::ok,
                                 {{"application_id", card.application_id},
                                  {"serial", card.serial},
                                  {"certificate_pem", card.certificate_pem},
                                  {"private_key_pem", card.card_key_pem->reveal()},
                                  {"puk", card.puk.reveal()}});
  res.set(http::bhttp::field::cache_control, "no-store");
  return res;
}

}  // namespace nes::portal::api
