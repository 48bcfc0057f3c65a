#include "portal/api/status_api.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"

#include <boost/url/pct_string_view.hpp>

#include <vector>

namespace nes::portal::api {

namespace {

using http::bhttp::status;

constexpr std::string_view crl_suffix = ".crl";

}  // namespace

void add_status_routes(http::Router& router, const revocation::CertificateStatus& certificate_status) {
  router.add(http::bhttp::verb::get, "/pki/{file}", [&certificate_status](http::RequestContext& ctx) {
    const std::string& file = ctx.path_params.at(0);
    std::optional<std::string> crl;
    if (file.size() > crl_suffix.size() && file.ends_with(crl_suffix)) {
      crl = certificate_status.crl(std::string_view(file).substr(0, file.size() - crl_suffix.size()));
    }
    if (!crl) return http::problem_response(ctx, status::not_found, "not_found", "No such CRL");
    return http::response(ctx, status::ok, "application/pkix-crl", std::move(*crl));
  });
  router.add(http::bhttp::verb::post, "/ocsp", [&certificate_status](http::RequestContext& ctx) {
    if (ctx.request[http::bhttp::field::content_type] != "application/ocsp-request") {
      return http::problem_response(ctx, status::unsupported_media_type, "unsupported_media_type",
                                    "An OCSP request is application/ocsp-request");
    }
    // Every OCSP answer, a refusal too, is an OCSPResponse with 200 (RFC 6960, A.1).
    return http::response(ctx, status::ok, "application/ocsp-response", certificate_status.answer(ctx.request.body()));
  });
  // RFC 6960, A.1: GET {url}/{the request's DER in base64, percent-encoded},
  // which caches and some clients use for small requests.
  router.add(http::bhttp::verb::get, "/ocsp/{request}", [&certificate_status](http::RequestContext& ctx) {
    std::string der;  // undecodable: the responder answers malformedRequest
    const auto encoded = boost::urls::make_pct_string_view(ctx.path_params.at(0));
    std::vector<unsigned char> bytes;
    if (encoded && crypto::base64_decode(encoded->decode(), bytes)) der.assign(bytes.begin(), bytes.end());
    return http::response(ctx, status::ok, "application/ocsp-response", certificate_status.answer(der));
  });
}

}  // namespace nes::portal::api
