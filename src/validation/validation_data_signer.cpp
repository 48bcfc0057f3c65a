// CAdES-X-L over any time-stamping Signer: sign, find the paths of the
// signer's and the TSA's certificates, ask each certificate's status (OCSP
// or CRL as the profile wants, the other as fallback where allowed), add
// what was found as validation data.

#include "cades/signature_certificates.hpp"
#include "op/launch.hpp"
#include "validation/long_term_values.hpp"

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
  std::shared_ptr<Transport> transport;
  ValidationSources sources;
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

enum class Means { ocsp, crl };

// The certificate's own OCSP address (authorityInfoAccess), the first one.
std::string ocsp_address(X509* certificate) {
  STACK_OF(OPENSSL_STRING)* addresses = X509_get1_ocsp(certificate);
  std::string out = sk_OPENSSL_STRING_num(addresses) > 0 ? sk_OPENSSL_STRING_value(addresses, 0) : "";
  X509_email_free(addresses);
  return out;
}

// The first URI of the certificate's CRL distribution points.
std::string crl_address(X509* certificate) {
  auto* points =
      static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(certificate, NID_crl_distribution_points, nullptr, nullptr));
  std::string out;
  for (int i = 0; out.empty() && i < sk_DIST_POINT_num(points); ++i) {
    const DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (point->distpoint == nullptr || point->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; out.empty() && j < sk_GENERAL_NAME_num(names); ++j) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type == GEN_URI) {
        out.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.uniformResourceIdentifier)),
                   static_cast<std::size_t>(ASN1_STRING_length(name->d.uniformResourceIdentifier)));
      }
    }
  }
  CRL_DIST_POINTS_free(points);
  ERR_clear_error();
  return out;
}

using Checked = std::variant<Evidence, StatusRefusal>;

StatusRefusal transport_refusal(const error_code& ec, const std::string& url) {
  auto refusal = validation::status_refusal("revocation_source_unreachable", url + ": " + ec.message());
  refusal.ec = ec;  // the transport's own code: a caller may retry a network failure
  return refusal;
}

// An OCSP answer's or a CRL's reading as a status check's result.
template <class Read>
Checked as_checked(Read read) {
  if (auto* refusal = std::get_if<StatusRefusal>(&read)) return std::move(*refusal);
  return Evidence(std::get<0>(std::move(read)));
}

asio::awaitable<Checked> ask_ocsp(std::shared_ptr<const State> s, X509* certificate, X509* issuer) {
  std::string url = ocsp_address(certificate);
  if (url.empty()) url = s->sources.default_ocsp_url;
  if (url.empty()) co_return validation::status_refusal("revocation_source_missing", "no OCSP address");
  const auto query = validation::make_ocsp_query(certificate, issuer);
  if (!query) co_return validation::status_refusal("ocsp_answer_invalid", "the OCSP question cannot be made");
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers.push_back({"Content-Type", "application/ocsp-request"});
  request.body.assign(query->der);
  request.idempotent = true;  // a question costs nothing
  auto [ec, response] = co_await s->transport->async_send(std::move(request), use_tuple);
  if (ec) co_return transport_refusal(ec, url);
  co_return as_checked(
      validation::read_ocsp_answer(response.status, response.body.reveal(), *query, issuer, std::time(nullptr)));
}

asio::awaitable<Checked> fetch_crl(std::shared_ptr<const State> s, X509* certificate, X509* issuer) {
  const std::string url = crl_address(certificate);
  if (url.empty()) co_return validation::status_refusal("revocation_source_missing", "no CRL distribution point");
  HttpRequest request;
  request.url = url;
  request.idempotent = true;
  request.follow_redirects = true;
  auto [ec, response] = co_await s->transport->async_send(std::move(request), use_tuple);
  if (ec) co_return transport_refusal(ec, url);
  co_return as_checked(
      validation::read_crl(response.status, response.body.reveal(), certificate, issuer, std::time(nullptr)));
}

// By `first`; by the other means too when `fallback` and the first gave no
// status (a revocation is never asked about again).
asio::awaitable<Checked> status_of(std::shared_ptr<const State> s, X509* certificate, X509* issuer, Means first,
                                   bool fallback) {
  // No co_await inside ?: and no temporaries around one (GCC 12, ADR 0002).
  const bool by_ocsp = first == Means::ocsp;
  Checked checked;
  if (by_ocsp) {
    checked = co_await ask_ocsp(s, certificate, issuer);
  } else {
    checked = co_await fetch_crl(s, certificate, issuer);
  }
  const auto* refusal = std::get_if<StatusRefusal>(&checked);
  if (refusal == nullptr || !fallback || refusal->ec == errc::certificate_revoked) co_return checked;
  Checked second;
  if (by_ocsp) {
    second = co_await fetch_crl(s, certificate, issuer);
  } else {
    second = co_await ask_ocsp(s, certificate, issuer);
  }
  const auto* second_refusal = std::get_if<StatusRefusal>(&second);
  if (second_refusal == nullptr || second_refusal->ec == errc::certificate_revoked) co_return second;
  // Neither gave a status: the first means' refusal, with what the other said.
  auto& first_refusal = std::get<StatusRefusal>(checked);
  first_refusal.problem.detail += "; " + std::string(by_ocsp ? "CRL" : "OCSP") + ": " + second_refusal->problem.detail;
  co_return checked;
}

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
  const Means signer_means = profile.name == "P3" ? Means::crl : Means::ocsp;
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
      auto checked = co_await status_of(s, certificate, (*path)[i + 1], signer_means, !signer);
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
  state->transport = std::move(transport);
  for (const auto& pem : sources.ca_certificates_pem) {
    for (auto& certificate : cades::certificates_from_pem(pem)) state->cas.push_back(std::move(certificate));
  }
  state->sources = std::move(sources);
  state_ = std::move(state);
}

Signer::executor_type ValidationDataSigner::get_executor() const { return state_->signer->get_executor(); }

void ValidationDataSigner::start_sign(std::string document, SignatureProfile profile,
                                      ResultHandler<Signature> handler) {
  op::launch(state_->signer->get_executor(), sign_with_validation_data(state_, std::move(document), std::move(profile)),
             std::move(handler));
}

}  // namespace nes
