#include "sign/cades.hpp"

#include "sign/openssl_handles.hpp"

#include <openssl/err.h>

namespace nes::sign {

std::string openssl_errors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    out += (out.empty() ? "" : "; ") + std::string(text);
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::optional<std::string> make_cades_bes(std::string_view document, X509* certificate, EVP_PKEY* key,
                                          std::string& why) {
  // CMS_CADES adds the ESS signing-certificate-v2 attribute (with the
  // issuer and serial); CMS_final adds content-type, message-digest and
  // signing-time. No S/MIME capabilities: CAdES-BES does not want them.
  constexpr unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;
  ERR_clear_error();
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  BioPtr content(BIO_new_mem_buf(document.data(), static_cast<int>(document.size())));
  if (!cms || !content || CMS_add1_signer(cms.get(), certificate, key, EVP_sha256(), flags) == nullptr ||
      CMS_final(cms.get(), content.get(), nullptr, flags) != 1) {
    why = openssl_errors();
    return std::nullopt;
  }
  const int size = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (size <= 0) {
    why = openssl_errors();
    return std::nullopt;
  }
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_CMS_ContentInfo(cms.get(), &out);
  return der;
}

}  // namespace nes::sign
