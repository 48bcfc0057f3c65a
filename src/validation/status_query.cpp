#include "validation/status_query.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace nes::validation {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

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

asio::awaitable<Checked> ask_ocsp(StatusSource s, X509* certificate, X509* issuer) {
  std::string url = ocsp_address(certificate);
  if (url.empty()) url = s.default_ocsp_url;
  if (url.empty()) co_return validation::status_refusal("revocation_source_missing", "no OCSP address");
  const auto query = validation::make_ocsp_query(certificate, issuer);
  if (!query) co_return validation::status_refusal("ocsp_answer_invalid", "the OCSP question cannot be made");
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers.push_back({"Content-Type", "application/ocsp-request"});
  request.body.assign(query->der);
  request.idempotent = true;  // a question costs nothing
  auto [ec, response] = co_await s.transport->async_send(std::move(request), use_tuple);
  if (ec) co_return transport_refusal(ec, url);
  co_return as_checked(
      validation::read_ocsp_answer(response.status, response.body.reveal(), *query, issuer, std::time(nullptr)));
}

asio::awaitable<Checked> fetch_crl(StatusSource s, X509* certificate, X509* issuer) {
  const std::string url = crl_address(certificate);
  if (url.empty()) co_return validation::status_refusal("revocation_source_missing", "no CRL distribution point");
  HttpRequest request;
  request.url = url;
  request.idempotent = true;
  request.follow_redirects = true;
  auto [ec, response] = co_await s.transport->async_send(std::move(request), use_tuple);
  if (ec) co_return transport_refusal(ec, url);
  co_return as_checked(
      validation::read_crl(response.status, response.body.reveal(), certificate, issuer, std::time(nullptr)));
}

}  // namespace

asio::awaitable<Checked> status_of(StatusSource s, X509* certificate, X509* issuer, Means first, bool fallback) {
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

}  // namespace nes::validation
