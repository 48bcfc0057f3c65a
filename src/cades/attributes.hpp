#pragma once
// The CAdES signed attributes that name a signature policy and a commitment
// (ETSI EN 319 122-1, 5.2.9 and 5.2.3), as DER: one ASN.1 definition that the
// SDK's signer encodes with and the reference portal decodes with.
//
//   SignaturePolicyId ::= SEQUENCE { sigPolicyId OID, sigPolicyHash
//       SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashValue OCTET STRING },
//       sigPolicyQualifiers SEQUENCE OF { OID, ANY } OPTIONAL }
//   CommitmentTypeIndication ::= SEQUENCE { commitmentTypeId OID,
//       commitmentTypeQualifier SEQUENCE OF { OID, ANY } OPTIONAL }

#include <optional>
#include <string>
#include <string_view>

namespace nes::cades {

/// A signature policy as a signature names it.
struct PolicyReference {
  std::string oid;               ///< dotted ("2.16.792.1.61.0.1.5070.3.3.1")
  std::string digest_algorithm;  ///< dotted OID of the hash ("2.16.840.1.101.3.4.2.1": SHA-256)
  std::string digest;            ///< the policy document's digest, raw bytes
};

/// The dotted OID of SHA-256.
inline constexpr std::string_view sha256_oid = "2.16.840.1.101.3.4.2.1";
/// id-cti-ets-proofOfApproval (1.2.840.113549.1.9.16.6.5).
inline constexpr std::string_view proof_of_approval_oid = "1.2.840.113549.1.9.16.6.5";

/// The SignaturePolicyId's DER; nullopt when an OID is not dotted numbers.
std::optional<std::string> encode_signature_policy(const PolicyReference& policy);
/// The policy a SignaturePolicyId's DER names; nullopt when the bytes are not
/// exactly one such structure (trailing bytes included).
std::optional<PolicyReference> decode_signature_policy(std::string_view der);

/// A CommitmentTypeIndication's DER for `commitment_oid`.
std::optional<std::string> encode_commitment_type(std::string_view commitment_oid);
/// The commitment's dotted OID; nullopt when not exactly one such structure.
std::optional<std::string> decode_commitment_type(std::string_view der);

}  // namespace nes::cades
