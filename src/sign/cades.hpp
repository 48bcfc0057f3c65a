#pragma once
// A detached CAdES signature (CMS SignedData, DER) over an approval document:
// SHA-256; signed attributes content-type, message-digest, signing-time,
// signing-certificate-v2 and commitment-type-indication (proof of approval),
// and signature-policy-identifier when the profile names a policy, each
// once; the signer's certificate included.

#include <nes/signature_profile.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>

namespace nes::sign {

/// The signature, or nullopt with OpenSSL's reason in `why`. `key` may be a
/// token's key (libp11): the private key operation happens on the token.
std::optional<std::string> make_cades(std::string_view document, const SignatureProfile& profile, X509* certificate,
                                      EVP_PKEY* key, std::string& why);

/// The reasons in OpenSSL's error queue, which this empties.
std::string openssl_errors();

}  // namespace nes::sign
