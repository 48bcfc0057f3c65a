#pragma once
// A CMS signer's signed attributes as CAdES wants them, read strictly: each
// at most once with exactly one value; the signing time, the ESS
// signing-certificate-v2 against the certificate that signed, the signature
// policy and the commitment type.

#include "cades/attributes.hpp"

#include <openssl/cms.h>
#include <openssl/x509.h>

#include <ctime>
#include <optional>
#include <string>

namespace nes::portal::approval {

/// The first signed attribute, among those CAdES allows once, that appears
/// twice or with other than one value; nullopt when none does.
std::optional<std::string> repeated_attribute(CMS_SignerInfo* signer);

/// The value of the signed attribute `nid`, or nullptr when there is none.
/// repeated_attribute() must have found nothing first.
const ASN1_TYPE* attribute_value(CMS_SignerInfo* signer, int nid);

/// The signing-time, or nullopt (with `why`) when it is absent or not a time.
std::optional<std::time_t> signing_time(CMS_SignerInfo* signer, std::string& why);

enum class SigningCertificate { matches, missing, mismatch };
/// Whether signing-certificate-v2 names `certificate` (the ESS v1 attribute,
/// SHA-1, is not enough), with why not in `why`.
SigningCertificate check_signing_certificate(CMS_SignerInfo* signer, X509* certificate, std::string& why);

/// The SignaturePolicyId named, or nullopt (with `why`): absent (`why`
/// empty), implied, or not the structure.
std::optional<cades::PolicyReference> signature_policy(CMS_SignerInfo* signer, std::string& why);

/// The commitment type's OID, or nullopt (with `why` when it is malformed).
std::optional<std::string> commitment_type(CMS_SignerInfo* signer, std::string& why);

}  // namespace nes::portal::approval
