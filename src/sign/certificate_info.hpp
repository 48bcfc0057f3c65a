#pragma once
// A certificate as CertificateInfo: names, the T.C. Kimlik No from the
// subject serialNumber, validity, nonRepudiation, whether it is a qualified
// NES, and the key's type.

#include <nes/certificate_info.hpp>

#include <openssl/x509.h>

namespace nes::sign {

CertificateInfo describe_certificate(X509* certificate);

}  // namespace nes::sign
