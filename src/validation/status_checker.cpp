// StatusChecker: a certificate's status by OCSP, else its CRL (status_query),
// as a person or a program asks it: good, suspended or revoked.

#include "cades/signature_certificates.hpp"
#include "op/launch.hpp"
#include "validation/status_query.hpp"

#include <nes/status_check.hpp>

#include <openssl/ocsp.h>

namespace nes {

struct StatusChecker::State {
  validation::StatusSource source;
  std::vector<cades::CertificatePtr> issuers;
};

namespace {

namespace asio = boost::asio;

constexpr int certificate_hold = 6;  // RFC 5280 CRLReason

// RFC 5280's name of `reason` ("keyCompromise"); empty for none.
std::string reason_name(int reason) {
  static constexpr const char* names[] = {
      "unspecified",   "keyCompromise",        "cACompromise",    "affiliationChanged",
      "superseded",    "cessationOfOperation", "certificateHold", "",
      "removeFromCRL", "privilegeWithdrawn",   "aACompromise"};
  return reason >= 0 && reason < static_cast<int>(std::size(names)) ? names[reason] : "";
}

op::Outcome<StatusCheck> not_checkable(std::string detail) {
  return op::refused<StatusCheck>(
      errc::invalid_argument,
      op::local_problem("certificate_not_found", "The certificate cannot be checked", std::move(detail)));
}

asio::awaitable<op::Outcome<StatusCheck>> check(std::shared_ptr<const StatusChecker::State> state, std::string pem) {
  auto certificates = cades::certificates_from_pem(pem);
  if (certificates.size() != 1) co_return not_checkable("one PEM certificate is expected");
  X509* certificate = certificates.front().get();
  X509* issuer = nullptr;
  for (const auto& candidate : state->issuers) {
    if (X509_check_issued(candidate.get(), certificate) == X509_V_OK) issuer = candidate.get();
  }
  if (issuer == nullptr) co_return not_checkable("its issuer is not among the CA certificates given");
  auto checked = co_await validation::status_of(state->source, certificate, issuer, validation::Means::ocsp, true);
  if (auto* evidence = std::get_if<validation::Evidence>(&checked)) {
    const bool by_ocsp = std::holds_alternative<validation::OcspEvidence>(*evidence);
    co_return op::succeeded(StatusCheck{RevocationStatus::good, std::nullopt, {}, by_ocsp ? "OCSP" : "CRL"});
  }
  auto& refusal = std::get<validation::StatusRefusal>(checked);
  if (refusal.ec != errc::certificate_revoked)
    co_return op::refused<StatusCheck>(refusal.ec, std::move(refusal.problem));
  StatusCheck found;
  found.status = refusal.crl_reason == certificate_hold ? RevocationStatus::suspended : RevocationStatus::revoked;
  if (refusal.revoked_at != 0) found.since = std::chrono::system_clock::from_time_t(refusal.revoked_at);
  found.reason = reason_name(refusal.crl_reason);
  found.source = refusal.revoked_by;
  co_return op::succeeded(std::move(found));
}

}  // namespace

std::string_view to_string(RevocationStatus status) noexcept {
  switch (status) {
    case RevocationStatus::good:
      return "good";
    case RevocationStatus::suspended:
      return "suspended";
    case RevocationStatus::revoked:
      return "revoked";
  }
  return "unknown";
}

StatusChecker::StatusChecker(std::shared_ptr<Transport> transport, ValidationSources sources) {
  auto state = std::make_shared<State>();
  state->source = {std::move(transport), std::move(sources.default_ocsp_url)};
  for (const auto& pem : sources.ca_certificates_pem) {
    for (auto& certificate : cades::certificates_from_pem(pem)) state->issuers.push_back(std::move(certificate));
  }
  state_ = std::move(state);
}

StatusChecker::executor_type StatusChecker::get_executor() const { return state_->source.transport->get_executor(); }

void StatusChecker::check_impl(std::shared_ptr<const State> state, std::string certificate_pem,
                               ResultHandler<StatusCheck> handler) {
  auto executor = state->source.transport->get_executor();
  op::launch(executor, check(std::move(state), std::move(certificate_pem)), std::move(handler));
}

}  // namespace nes
