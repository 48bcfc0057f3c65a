#pragma once
// A certificate's status asked where it says (its OCSP responder, its CRL
// distribution point) over the SDK's transport, and read with the checks of
// status_evidence: for a signature's validation data and for a status check.

#include "validation/long_term_values.hpp"

#include <nes/transport.hpp>

#include <boost/asio/awaitable.hpp>

#include <openssl/x509.h>

#include <memory>
#include <string>
#include <variant>

namespace nes::validation {

using Checked = std::variant<Evidence, StatusRefusal>;

enum class Means { ocsp, crl };

/// Where statuses are asked: over `transport`; `default_ocsp_url` for a
/// certificate that names no responder of its own.
struct StatusSource {
  std::shared_ptr<Transport> transport;
  std::string default_ocsp_url;
};

/// The status of `certificate` (issued by `issuer`) by `first`; by the other
/// means too when `fallback` and the first gave no status (a revocation is
/// never asked about again).
boost::asio::awaitable<Checked> status_of(StatusSource source, X509* certificate, X509* issuer, Means first,
                                          bool fallback);

}  // namespace nes::validation
