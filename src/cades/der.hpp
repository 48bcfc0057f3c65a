#pragma once
// DER by hand for the structures OpenSSL has no type for (CAdES's
// references and values): a tag, a definite length, the content.

#include <openssl/crypto.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::cades::der {

inline constexpr unsigned char sequence_tag = 0x30;
inline constexpr unsigned char octet_string_tag = 0x04;

/// What OpenSSL's `encode` (i2d_X509, i2d_OCSP_BASICRESP, …) writes of
/// `object`; empty when it cannot.
template <class T>
std::string encoded(const T* object, int (*encode)(const T*, unsigned char**)) {
  unsigned char* bytes = nullptr;
  const int size = encode(object, &bytes);
  if (size <= 0) return {};
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  OPENSSL_free(bytes);
  return out;
}

/// Context-specific, constructed: [n] EXPLICIT.
constexpr unsigned char explicit_tag(unsigned n) { return static_cast<unsigned char>(0xA0 | n); }

/// `tag`, the DER length of `content`, `content`.
inline std::string tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t size = content.size();
  if (size < 0x80) {
    out.push_back(static_cast<char>(size));
  } else {
    std::string length;
    for (std::size_t rest = size; rest != 0; rest >>= 8) length.insert(length.begin(), static_cast<char>(rest & 0xFF));
    out.push_back(static_cast<char>(0x80 | length.size()));
    out += length;
  }
  out.append(content);
  return out;
}

inline std::string sequence(std::string_view content) { return tlv(sequence_tag, content); }

/// One element read back: its tag, its content, and the whole of it.
struct Element {
  unsigned char tag = 0;
  std::string_view content;
  std::string_view whole;
};

/// The element at the front of `in`, which moves past it; nullopt when `in`
/// does not start with one (a one-byte tag, a definite length of at most
/// four bytes, the content all there).
inline std::optional<Element> read(std::string_view& in) {
  if (in.size() < 2 || (static_cast<unsigned char>(in[0]) & 0x1F) == 0x1F) return std::nullopt;
  const auto first = static_cast<unsigned char>(in[1]);
  std::size_t header = 2;
  std::size_t size = first;
  if ((first & 0x80) != 0) {
    const std::size_t bytes = first & 0x7F;
    if (bytes == 0 || bytes > 4 || in.size() < 2 + bytes) return std::nullopt;
    size = 0;
    for (std::size_t i = 0; i < bytes; ++i) size = (size << 8) | static_cast<unsigned char>(in[2 + i]);
    header += bytes;
  }
  if (in.size() - header < size) return std::nullopt;
  Element element{static_cast<unsigned char>(in[0]), in.substr(header, size), in.substr(0, header + size)};
  in.remove_prefix(header + size);
  return element;
}

/// Every element of `content`, in order; nullopt when one is malformed.
inline std::optional<std::vector<Element>> elements(std::string_view content) {
  std::vector<Element> out;
  while (!content.empty()) {
    auto element = read(content);
    if (!element) return std::nullopt;
    out.push_back(*element);
  }
  return out;
}

/// The one element `der` is, of `tag`; nullopt for anything else or anything after it.
inline std::optional<Element> only(std::string_view der, unsigned char tag) {
  auto element = read(der);
  if (!element || !der.empty() || element->tag != tag) return std::nullopt;
  return element;
}

}  // namespace nes::cades::der
