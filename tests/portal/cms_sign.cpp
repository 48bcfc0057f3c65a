#include "cms_sign.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

namespace nes::test {

std::string sign_detached(const portal::pki::Credential& signer, std::string_view content) {
  auto bio = [](std::string_view bytes) {
    return std::unique_ptr<BIO, decltype(&BIO_free)>(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())),
                                                     &BIO_free);
  };
  auto cert_bio = bio(signer.certificate_pem);
  auto key_bio = bio(signer.private_key_pem.reveal());
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr),
                                                   &X509_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  auto data = bio(content);
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      CMS_sign(cert.get(), key.get(), nullptr, data.get(), CMS_DETACHED | CMS_BINARY), &CMS_ContentInfo_free);
  if (!cert || !key || !cms) throw std::runtime_error("CMS_sign failed");
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  i2d_CMS_bio(out.get(), cms.get());
  char* bytes = nullptr;
  const long size = BIO_get_mem_data(out.get(), &bytes);
  return std::string(bytes, static_cast<std::size_t>(size));
}

}  // namespace nes::test
