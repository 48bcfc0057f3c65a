// CAdES-X-L over any time-stamping Signer: sign, find the paths of the
// signer's and the TSA's certificates, ask each certificate's status (OCSP
// or CRL as the profile wants, the other as fallback where allowed), add
// what was found as validation data.

#include "cades/signature_certificates.hpp"
#include "op/launch.hpp"
#include "validation/long_term_values.hpp"
#include "validation/status_query.hpp"

#include <nes/validation_data_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <ctime>

namespace nes {

struct ValidationDataSigner::State {
  std::shared_ptr<Signer> signer;
  validation::StatusSource status_source;
  std::vector<cades::CertificatePtr> cas;
};

namespace {

namespace asio = boost::asio;
using op::local_problem;
using op::Outcome;
using op::refused;
using op::succeeded;
using validation::Evidence;
using validation::StatusRefusal;
using State = ValidationDataSigner::State;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string common_name(X509* certificate) {
  char name[256] = {};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name, sizeof name) <= 0) {
    return "no common name";
  }
  return std::string("CN=") + name;
}

void add_once(std::vector<std::string>& certificates, std::string der) {
  if (!der.empty() && std::find(certificates.begin(), certificates.end(), der) == certificates.end()) {
    certificates.push_back(std::move(der));
  }
}

Outcome<Signature> not_added(std::string code, std::string detail) {
  return refused<Signature>(errc::invalid_argument,
                            local_problem(std::move(code), "The validation data cannot be added", std::move(detail)));
}

asio::awaitable<Outcome<Signature>> sign_with_validation_data(std::shared_ptr<const State> s, std::string document,
                                                              SignatureProfile profile) {
  const bool long_term = profile.name == "P3" || profile.name == "P4";
  const auto signer_means = profile.name == "P3" ? validation::Means::crl : validation::Means::ocsp;
  auto [sec, signature] = co_await s->signer->async_sign(std::move(document), std::move(profile), use_tuple);
  if (sec || !long_term) co_return Outcome<Signature>{sec, std::move(signature)};

  std::string why;
  auto found = cades::signature_certificates(signature->cms_der, why);
  if (!found) co_return not_added("signature_time_stamp_missing", why);
  std::vector<X509*> pool;
  for (const auto& ca : s->cas) pool.push_back(ca.get());
  for (const auto& carried : found->carried) pool.push_back(carried.get());
  const auto signer_path = cades::certification_path(found->signer.get(), pool);
  const auto tsa_path = cades::certification_path(found->tsa.get(), pool);
  if (!signer_path || !tsa_path) {
    auto refusal = validation::status_refusal(
        "validation_path_incomplete", std::string("the CA certificates of the ") + (signer_path ? "TSA" : "signer") +
                                          "'s path were not all given (ValidationSources::ca_certificates_pem)");
    co_return refused<Signature>(refusal.ec, std::move(refusal.problem));
  }

  validation::ValidationData data;
  const std::array<const std::vector<X509*>*, 2> paths = {&*signer_path, &*tsa_path};
  for (const auto* path : paths) {
    for (std::size_t i = 0; i + 1 < path->size(); ++i) {
      X509* certificate = (*path)[i];
      // The signer's own status by the profile's means only (TÜBİTAK's
      // validator refuses a P4 signer checked by CRL); the others by either.
      const bool signer = certificate == found->signer.get();
      auto checked =
          co_await validation::status_of(s->status_source, certificate, (*path)[i + 1], signer_means, !signer);
      if (auto* refusal = std::get_if<StatusRefusal>(&checked)) {
        // Whose status it was: the signer's, the TSA's, or a CA's on the way.
        const char* whose =
            i > 0 ? "a CA certificate of the path" : (signer ? "the signer's certificate" : "the TSA's certificate");
        refusal->problem.detail =
            std::string(whose) + " (" + common_name(certificate) + "): " + refusal->problem.detail;
        co_return refused<Signature>(refusal->ec, std::move(refusal->problem));
      }
      auto& evidence = std::get<Evidence>(checked);
      if (const auto* ocsp = std::get_if<validation::OcspEvidence>(&evidence)) {
        for (const auto& responder : ocsp->certificates_der) add_once(data.certificates_der, responder);
      }
      data.statuses.push_back(std::move(evidence));
    }
    for (std::size_t i = 0; i < path->size(); ++i) {
      if ((*path)[i] != found->signer.get()) add_once(data.certificates_der, cades::certificate_der((*path)[i]));
    }
  }
  auto with_data = validation::with_validation_data(signature->cms_der, data, why);
  if (!with_data) co_return not_added("signature_invalid", why);
  Signature out = std::move(signature).value();
  out.cms_der = std::move(*with_data);
  co_return succeeded(std::move(out));
}

}  // namespace

ValidationDataSigner::ValidationDataSigner(std::shared_ptr<Signer> signer, std::shared_ptr<Transport> transport,
                                           ValidationSources sources) {
  auto state = std::make_shared<State>();
  state->signer = std::move(signer);
  state->status_source = {std::move(transport), std::move(sources.default_ocsp_url)};
  for (const auto& pem : sources.ca_certificates_pem) {
    for (auto& certificate : cades::certificates_from_pem(pem)) state->cas.push_back(std::move(certificate));
  }
  state_ = std::move(state);
}

Signer::executor_type ValidationDataSigner::get_executor() const { return state_->signer->get_executor(); }

void ValidationDataSigner::start_sign(std::string document, SignatureProfile profile,
                                      ResultHandler<Signature> handler) {
  op::launch(state_->signer->get_executor(), sign_with_validation_data(state_, std::move(document), std::move(profile)),
             std::move(handler));
}

}  // namespace nes
