#pragma once
// A detached CAdES-BES signature (CMS SignedData, DER) over a document:
// SHA-256; signed attributes content-type, message-digest, signing-time and
// signing-certificate-v2, each once; the signer's certificate included.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>

namespace nes::sign {

/// The signature, or nullopt with OpenSSL's reason in `why`. `key` may be a
/// token's key (libp11): the private key operation happens on the token.
std::optional<std::string> make_cades_bes(std::string_view document, X509* certificate, EVP_PKEY* key,
                                          std::string& why);

/// The reasons in OpenSSL's error queue, which this empties.
std::string openssl_errors();

}  // namespace nes::sign
