#pragma once
// What the cades room's ASN.1 templates share: a decoded structure that frees
// itself, and dotted OIDs in and out.

#include <openssl/asn1t.h>
#include <openssl/objects.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nes::cades {

// A structure of `item`, freed with it.
class Asn1Value {
 public:
  explicit Asn1Value(const ASN1_ITEM* item, ASN1_VALUE* value = nullptr)
      : item_(item), value_(value != nullptr ? value : ASN1_item_new(item)) {}
  ~Asn1Value() { ASN1_item_free(value_, item_); }
  Asn1Value(Asn1Value&& other) noexcept : item_(other.item_), value_(std::exchange(other.value_, nullptr)) {}
  Asn1Value(const Asn1Value&) = delete;
  Asn1Value& operator=(const Asn1Value&) = delete;
  Asn1Value& operator=(Asn1Value&&) = delete;

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
  static std::optional<Asn1Value> parse(const ASN1_ITEM* item, std::string_view der) {
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    const auto* end = in + der.size();
    ASN1_VALUE* value = ASN1_item_d2i(nullptr, &in, static_cast<long>(der.size()), item);
    if (value == nullptr) return std::nullopt;
    std::optional<Asn1Value> parsed(std::in_place, item, value);
    if (in != end) return std::nullopt;
    return parsed;
  }

 private:
  const ASN1_ITEM* item_;
  ASN1_VALUE* value_;
};

// Replaces `*slot` with the OID of `dotted`; false when it is not one.
inline bool set_oid(ASN1_OBJECT** slot, std::string_view dotted) {
  ASN1_OBJECT* oid = OBJ_txt2obj(std::string(dotted).c_str(), 1);
  if (oid == nullptr) return false;
  ASN1_OBJECT_free(*slot);
  *slot = oid;
  return true;
}

// The dotted form of `oid`; empty when it does not fit.
inline std::string dotted(const ASN1_OBJECT* oid) {
  char text[128];
  const int size = OBJ_obj2txt(text, sizeof text, oid, 1);
  if (size <= 0 || static_cast<std::size_t>(size) >= sizeof text) return {};
  return text;
}

}  // namespace nes::cades
