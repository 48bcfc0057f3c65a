#include "cms_sign.hpp"

#include "portal/crypto/openssl_ptr.hpp"

#include <openssl/pem.h>

#include <stdexcept>

namespace nes::test {

namespace crypto = portal::crypto;

std::string sign_detached(const portal::pki::Credential& signer, std::string_view content) {
  const auto bio = [](std::string_view bytes) {
    return crypto::BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  };
  auto cert_bio = bio(signer.certificate_pem);
  auto key_bio = bio(signer.private_key_pem.reveal());
  const crypto::CertPtr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  const crypto::KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  auto data = bio(content);
  const crypto::CmsPtr cms(CMS_sign(cert.get(), key.get(), nullptr, data.get(), CMS_DETACHED | CMS_BINARY));
  if (!cert || !key || !cms) throw std::runtime_error("CMS_sign failed");
  const crypto::BioPtr out(BIO_new(BIO_s_mem()));
  i2d_CMS_bio(out.get(), cms.get());
  char* bytes = nullptr;
  const long size = BIO_get_mem_data(out.get(), &bytes);
  return std::string(bytes, static_cast<std::size_t>(size));
}

}  // namespace nes::test
