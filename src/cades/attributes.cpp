#include "cades/attributes.hpp"

#include "cades/asn1_value.hpp"

#include <openssl/asn1t.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

namespace nes::cades {

namespace {

// The structures as OpenSSL's ASN.1 templates see them: a field per
// component, in order. Qualifiers are kept only to be parsed over.
struct NesQualifier {
  ASN1_OBJECT* id;
  ASN1_TYPE* value;
};
struct NesOtherHash {
  X509_ALGOR* algorithm;
  ASN1_OCTET_STRING* value;
};
struct NesPolicyId {
  ASN1_OBJECT* oid;
  NesOtherHash* hash;
  OPENSSL_STACK* qualifiers;
};
struct NesCommitment {
  ASN1_OBJECT* oid;
  OPENSSL_STACK* qualifiers;
};

// OpenSSL's template macros, laid out as OpenSSL lays them out.
// clang-format off
// NOLINTBEGIN
ASN1_SEQUENCE(NesQualifier) = {
    ASN1_SIMPLE(NesQualifier, id, ASN1_OBJECT),
    ASN1_SIMPLE(NesQualifier, value, ASN1_ANY),
} static_ASN1_SEQUENCE_END(NesQualifier)

ASN1_SEQUENCE(NesOtherHash) = {
    ASN1_SIMPLE(NesOtherHash, algorithm, X509_ALGOR),
    ASN1_SIMPLE(NesOtherHash, value, ASN1_OCTET_STRING),
} static_ASN1_SEQUENCE_END(NesOtherHash)

ASN1_SEQUENCE(NesPolicyId) = {
    ASN1_SIMPLE(NesPolicyId, oid, ASN1_OBJECT),
    ASN1_SIMPLE(NesPolicyId, hash, NesOtherHash),
    ASN1_SEQUENCE_OF_OPT(NesPolicyId, qualifiers, NesQualifier),
} static_ASN1_SEQUENCE_END(NesPolicyId)

ASN1_SEQUENCE(NesCommitment) = {
    ASN1_SIMPLE(NesCommitment, oid, ASN1_OBJECT),
    ASN1_SEQUENCE_OF_OPT(NesCommitment, qualifiers, NesQualifier),
} static_ASN1_SEQUENCE_END(NesCommitment)
// NOLINTEND
// clang-format on

}  // namespace

std::optional<std::string> encode_signature_policy(const PolicyReference& policy) {
  const Asn1Value value(ASN1_ITEM_rptr(NesPolicyId));
  auto* id = value.as<NesPolicyId>();
  if (value.empty() || !set_oid(&id->oid, policy.oid)) return std::nullopt;
  ASN1_OBJECT* algorithm = OBJ_txt2obj(policy.digest_algorithm.c_str(), 1);
  if (algorithm == nullptr) return std::nullopt;
  // RFC 5754: SHA-2 identifiers carry no parameters.
  X509_ALGOR_set0(id->hash->algorithm, algorithm, V_ASN1_UNDEF, nullptr);
  if (ASN1_OCTET_STRING_set(id->hash->value, reinterpret_cast<const unsigned char*>(policy.digest.data()),
                            static_cast<int>(policy.digest.size())) != 1) {
    return std::nullopt;
  }
  return value.der();
}

std::optional<PolicyReference> decode_signature_policy(std::string_view der) {
  const auto value = Asn1Value::parse(ASN1_ITEM_rptr(NesPolicyId), der);
  if (!value) return std::nullopt;
  const auto* id = value->as<NesPolicyId>();
  const ASN1_OBJECT* algorithm = nullptr;
  int parameter_type = V_ASN1_UNDEF;
  X509_ALGOR_get0(&algorithm, &parameter_type, nullptr, id->hash->algorithm);
  // Parameters absent or NULL; anything else is not a hash's identifier.
  if (parameter_type != V_ASN1_UNDEF && parameter_type != V_ASN1_NULL) return std::nullopt;
  PolicyReference policy{dotted(id->oid), dotted(algorithm),
                         std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(id->hash->value)),
                                     static_cast<std::size_t>(ASN1_STRING_length(id->hash->value)))};
  if (policy.oid.empty() || policy.digest_algorithm.empty()) return std::nullopt;
  return policy;
}

std::optional<std::string> encode_commitment_type(std::string_view commitment_oid) {
  const Asn1Value value(ASN1_ITEM_rptr(NesCommitment));
  if (value.empty() || !set_oid(&value.as<NesCommitment>()->oid, commitment_oid)) return std::nullopt;
  return value.der();
}

std::optional<std::string> decode_commitment_type(std::string_view der) {
  const auto value = Asn1Value::parse(ASN1_ITEM_rptr(NesCommitment), der);
  if (!value) return std::nullopt;
  std::string oid = dotted(value->as<NesCommitment>()->oid);
  if (oid.empty()) return std::nullopt;
  return oid;
}

}  // namespace nes::cades
