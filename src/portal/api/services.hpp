#pragma once
// What the portal's request handlers share: configuration, the registry and
// catalogue, the stores, the SMS sink, the signature checker, rate limits and
// fault injection. Built once at start; every member outlives the routes.

#include "portal/approval/signature_check.hpp"
#include "portal/faults/fault_injector.hpp"
#include "portal/fee_table.hpp"
#include "portal/gateway/gateway.hpp"
#include "portal/issuance/card_issuer.hpp"
#include "portal/limits/rate_limiter.hpp"
#include "portal/registry/personnel_registry.hpp"
#include "portal/revocation/certificate_status.hpp"
#include "portal/store/application_store.hpp"
#include "portal/store/certificate_store.hpp"
#include "portal/store/confirmation_store.hpp"
#include "portal/store/e_onay_store.hpp"
#include "portal/store/institution_store.hpp"
#include "portal/store/session_store.hpp"

#include <nes/institution.hpp>
#include <nes/portal/reference_portal.hpp>

#include <string>
#include <vector>

namespace nes::portal::api {

struct Services {
  const FeeTable& fees;
  const std::vector<Institution>& catalogue;
  const registry::PersonnelRegistry& people;
  store::Database& database;
  store::SessionStore& sessions;
  store::ApplicationStore& applications;
  store::InstitutionStore& institution_work;  ///< the officers' requests and signed lists
  store::CertificateStore& certificates;      ///< the certificates issued when applications ship
  store::ConfirmationStore& confirmations;    ///< changes waiting for their SMS code
  store::EOnayStore& e_onay;                  ///< people's standing E-Onay consents
  /// The e-imza CA certificates are issued from; null when none is configured.
  const issuance::IssuingCa* issuing_ca;
  gateway::Gateway& gateway;
  const approval::SignatureChecker& signatures;
  revocation::CertificateStatus& certificate_status;
  limits::RateLimiter& limiter;
  faults::FaultInjector& faults;
  SmsSink sms;      ///< every configured sink; may be empty
  EmailSink email;  ///< every configured sink; may be empty
  OtpPolicy otp;
  RateLimits rate_limits;
  int session_ttl_seconds;
  std::string client_id;
  bool secure_cookies;  ///< false only with insecure_http

  [[nodiscard]] const Institution* institution(std::string_view id) const;
};

}  // namespace nes::portal::api
