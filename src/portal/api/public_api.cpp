#include "portal/api/public_api.hpp"

#include "portal/api/wire_json.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"

#include <boost/json/value.hpp>

namespace nes::portal::api {

namespace {

// What an e-imza approval must be signed to.
boost::json::object signature_json(const approval::SignatureRequirement& requirement) {
  boost::json::object signature{{"profile", requirement.profile}, {"commitment_type", "proof_of_approval"}};
  if (requirement.policy) {
    signature["policy"] = {{"oid", requirement.policy->oid},
                           {"document_sha256", crypto::hex_encode(requirement.policy->digest)}};
  }
  return signature;
}

}  // namespace

void add_public_routes(http::Router& router, const FeeTable& fees, PortalDescription description) {
  // Built once: it does not change while the portal runs.
  const boost::json::value info = {
      {"name", "Kamu SM Online İşlemler (referans portal)"},
      {"protocol_version", "1.0.0"},
      {"anonymous_operations", {"debt_inquiry", "fees"}},
      {"login",
       {{"authorize_url", description.authorize_url},
        {"client_id", description.client_id},
        {"redirect_uri", description.redirect_uri},
        {"code_challenge_methods", {"S256"}}}},
      {"otp",
       {{"length", description.otp.length},
        {"valid_seconds", description.otp.valid_seconds},
        {"resend_after_seconds", description.otp.resend_after_seconds},
        {"max_tries", description.otp.max_tries}}},
      {"signature", signature_json(description.signature)},
  };
  router.add(http::bhttp::verb::get, "/api/v1/info",
             [info](http::RequestContext& ctx) { return http::json_response(ctx, http::bhttp::status::ok, info); });

  router.add(http::bhttp::verb::get, "/api/v1/fees", [&fees](http::RequestContext& ctx) {
    boost::json::array list;
    for (const auto& entry : fees.entries) {
      // Cannot be empty: every entry is offered, and decode_fee_table bounds
      // net (int32 kuruş) and rate (<= 10000) so that KDV cannot overflow.
      const Fee fee = fees.fee_for(entry.validity_years, entry.card_reader).value();
      list.push_back(
          {{"validity_years", entry.validity_years}, {"card_reader", entry.card_reader}, {"fee", fee_json(fee)}});
    }
    return http::json_response(ctx, http::bhttp::status::ok,
                               {{"kdv_rate_basis_points", fees.kdv.basis_points}, {"fees", std::move(list)}});
  });
}

}  // namespace nes::portal::api
