#pragma once
// Who may sign an OCSP answer about a certificate (RFC 6960, 4.2.2.2): its
// CA, or a responder the CA delegated to (id-kp-OCSPSigning). Shared by the
// SDK, which checks the answers it fetches, and the portal, which checks the
// ones a signature carries.

#include <openssl/ocsp.h>
#include <openssl/x509.h>

namespace nes::cades {

/// Whether `answer` is signed by `issuer` or a responder it delegated to;
/// `issuer` is trusted here as the end of the path (its own path is checked
/// with the certificate's). OpenSSL's error queue is left empty.
[[nodiscard]] bool signed_by_issuer_or_delegate(OCSP_BASICRESP* answer, X509* issuer);

}  // namespace nes::cades
