#include "sign/certificate_info.hpp"

#include "cades/qualified_certificate.hpp"
#include "sign/openssl_handles.hpp"

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <array>
#include <ctime>
#include <memory>

namespace nes::sign {

namespace {

std::string one_line(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  // RFC 2253, with UTF-8 left as it is: Turkish letters stay readable.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string entry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
  if (size < 0) return {};
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

CertificateInfo::Clock::time_point time_of(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return CertificateInfo::Clock::from_time_t(timegm(&tm));
}

std::string key_type(X509* certificate) {
  EVP_PKEY* key = X509_get0_pubkey(certificate);
  if (key == nullptr) return "?";
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) return "RSA " + std::to_string(EVP_PKEY_get_bits(key));
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    std::array<char, 64> group{};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) != 1) {
      return "ECDSA";
    }
    const std::string name(group.data(), length);
    return "ECDSA " + std::string(name == "prime256v1" ? "P-256" : name == "secp384r1" ? "P-384" : name);
  }
  return OBJ_nid2sn(EVP_PKEY_get_base_id(key));
}

std::string hex(const ASN1_INTEGER* serial) {
  BIGNUM* number = ASN1_INTEGER_to_BN(serial, nullptr);
  char* text = number != nullptr ? BN_bn2hex(number) : nullptr;
  std::string out = text != nullptr ? text : "";
  OPENSSL_free(text);
  BN_free(number);
  return out;
}

}  // namespace

CertificateInfo describe_certificate(X509* certificate) {
  CertificateInfo info;
  const X509_NAME* subject = X509_get_subject_name(certificate);
  info.subject = one_line(subject);
  info.common_name = entry(subject, NID_commonName);
  info.tckn = entry(subject, NID_serialNumber);
  if (info.tckn.rfind("TR", 0) == 0) info.tckn.erase(0, 2);
  info.issuer = one_line(X509_get_issuer_name(certificate));
  info.serial_number = hex(X509_get0_serialNumber(certificate));
  info.not_before = time_of(X509_get0_notBefore(certificate));
  info.not_after = time_of(X509_get0_notAfter(certificate));
  const auto facts = cades::qualified_facts(certificate);
  info.non_repudiation = facts.non_repudiation;
  info.qualified = facts.qualified();
  info.key_type = key_type(certificate);
  const std::unique_ptr<BIO, decltype(&BIO_free)> pem(BIO_new(BIO_s_mem()), BIO_free);
  char* data = nullptr;
  if (pem && PEM_write_bio_X509(pem.get(), certificate) == 1) {
    const long size = BIO_get_mem_data(pem.get(), &data);
    info.certificate_pem.assign(data, static_cast<std::size_t>(size));
  }
  return info;
}

}  // namespace nes::sign
