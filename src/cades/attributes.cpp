#include "cades/attributes.hpp"

#include <openssl/asn1t.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <utility>

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

// A structure of `item`, freed with it.
class Value {
 public:
  explicit Value(const ASN1_ITEM* item, ASN1_VALUE* value = nullptr)
      : item_(item), value_(value != nullptr ? value : ASN1_item_new(item)) {}
  ~Value() { ASN1_item_free(value_, item_); }
  Value(Value&& other) noexcept : item_(other.item_), value_(std::exchange(other.value_, nullptr)) {}
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  Value& operator=(Value&&) = delete;

  template <class T>
  T* as() const {
    return reinterpret_cast<T*>(value_);
  }
  [[nodiscard]] bool empty() const { return value_ == nullptr; }

  [[nodiscard]] std::optional<std::string> der() const {
    unsigned char* out = nullptr;
    const int size = ASN1_item_i2d(value_, &out, item_);
    if (size <= 0) return std::nullopt;
    std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    OPENSSL_free(out);
    return bytes;
  }

  // Exactly one structure in `der`, nothing after it.
  static std::optional<Value> parse(const ASN1_ITEM* item, std::string_view der) {
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    const auto* end = in + der.size();
    ASN1_VALUE* value = ASN1_item_d2i(nullptr, &in, static_cast<long>(der.size()), item);
    if (value == nullptr) return std::nullopt;
    std::optional<Value> parsed(std::in_place, item, value);
    if (in != end) return std::nullopt;
    return parsed;
  }

 private:
  const ASN1_ITEM* item_;
  ASN1_VALUE* value_;
};

// Replaces `*slot` with the OID of `dotted`; false when it is not one.
bool set_oid(ASN1_OBJECT** slot, std::string_view dotted) {
  ASN1_OBJECT* oid = OBJ_txt2obj(std::string(dotted).c_str(), 1);
  if (oid == nullptr) return false;
  ASN1_OBJECT_free(*slot);
  *slot = oid;
  return true;
}

std::string dotted(const ASN1_OBJECT* oid) {
  char text[128];
  const int size = OBJ_obj2txt(text, sizeof text, oid, 1);
  if (size <= 0 || static_cast<std::size_t>(size) >= sizeof text) return {};
  return text;
}

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
  const Value value(ASN1_ITEM_rptr(NesPolicyId));
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
  const auto value = Value::parse(ASN1_ITEM_rptr(NesPolicyId), der);
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
  const Value value(ASN1_ITEM_rptr(NesCommitment));
  if (value.empty() || !set_oid(&value.as<NesCommitment>()->oid, commitment_oid)) return std::nullopt;
  return value.der();
}

std::optional<std::string> decode_commitment_type(std::string_view der) {
  const auto value = Value::parse(ASN1_ITEM_rptr(NesCommitment), der);
  if (!value) return std::nullopt;
  std::string oid = dotted(value->as<NesCommitment>()->oid);
  if (oid.empty()) return std::nullopt;
  return oid;
}

}  // namespace nes::cades
