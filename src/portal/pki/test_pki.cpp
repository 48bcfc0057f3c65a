#include "portal/pki/test_pki.hpp"

#include "cades/qualified_certificate.hpp"
#include "portal/crypto/openssl_ptr.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace nes::portal::pki {

namespace {

using Key = crypto::KeyPtr;
using Cert = crypto::CertPtr;
using Bio = crypto::BioPtr;

[[noreturn]] void fail(const char* what) { throw std::runtime_error(std::string("test PKI: ") + what); }

Key make_key(KeyType type) {
  EVP_PKEY* key = type == KeyType::ec_p256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                           : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (key == nullptr) fail("key generation failed");
  return Key(key);
}

std::string to_pem(const X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("cannot write certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

SecretString to_pem(const EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("cannot write key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return SecretString(std::string_view(data, static_cast<std::size_t>(size)));
}

Key key_from_pem(const SecretString& pem) {
  Bio bio(BIO_new_mem_buf(pem.reveal().data(), static_cast<int>(pem.size())));
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) fail("cannot read issuer key");
  return key;
}

Cert cert_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) fail("cannot read issuer certificate");
  return cert;
}

void add_name_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (value.empty()) return;
  if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                 -1, 0) != 1) {
    fail("cannot set a name entry");
  }
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) fail("cannot make an extension");
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (ok != 1) fail("cannot add an extension");
}

// certificatePolicies naming `oid` (its configuration syntax needs a config database).
void add_policy(X509* cert, const char* oid) {
  CERTIFICATEPOLICIES* policies = CERTIFICATEPOLICIES_new();
  POLICYINFO* policy = POLICYINFO_new();
  bool ok = policies != nullptr && policy != nullptr;
  if (ok) {
    ASN1_OBJECT_free(policy->policyid);
    policy->policyid = OBJ_txt2obj(oid, 1);
    ok = policy->policyid != nullptr && sk_POLICYINFO_push(policies, policy) > 0;
  }
  if (!ok) POLICYINFO_free(policy);
  ok = ok && X509_add1_ext_i2d(cert, NID_certificate_policies, policies, 0, X509V3_ADD_DEFAULT) == 1;
  CERTIFICATEPOLICIES_free(policies);
  if (!ok) fail("cannot add the certificate policy");
}

// An extension OpenSSL has no configuration syntax for, from its DER.
void add_der_extension(X509* cert, int nid, const std::string& der) {
  ASN1_OCTET_STRING* data = ASN1_OCTET_STRING_new();
  if (data == nullptr || ASN1_OCTET_STRING_set(data, reinterpret_cast<const unsigned char*>(der.data()),
                                               static_cast<int>(der.size())) != 1) {
    ASN1_OCTET_STRING_free(data);
    fail("out of memory");
  }
  X509_EXTENSION* ext = X509_EXTENSION_create_by_NID(nullptr, nid, 0, data);
  ASN1_OCTET_STRING_free(data);
  if (ext == nullptr) fail("cannot make an extension");
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (ok != 1) fail("cannot add an extension");
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back(',');
    out.append(p);
  }
  return out;
}

// Builds and signs one certificate; `issuer_cert` null means self-signed.
Credential build(const CertificateSpec& spec, X509* issuer_cert, EVP_PKEY* issuer_key) {
  Key key = make_key(spec.key_type);
  Cert cert(X509_new());
  if (!cert) fail("out of memory");
  X509_set_version(cert.get(), 2);

  // A random 159-bit serial, positive, as RFC 5280 asks.
  unsigned char serial_bytes[20];
  if (RAND_bytes(serial_bytes, sizeof serial_bytes) != 1) fail("no randomness");
  serial_bytes[0] &= 0x7F;
  BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);

  X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(spec.not_before.count()));
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.not_after.count()));
  X509_set_pubkey(cert.get(), key.get());

  X509_NAME* name = X509_get_subject_name(cert.get());
  add_name_entry(name, "C", "TR");
  add_name_entry(name, "O", spec.organization);
  add_name_entry(name, "serialNumber", spec.subject_serial_number);
  add_name_entry(name, "CN", spec.common_name);
  X509* issuer = issuer_cert != nullptr ? issuer_cert : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));

  add_extension(cert.get(), issuer, NID_basic_constraints,
                spec.certificate_authority ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(cert.get(), issuer, NID_subject_key_identifier, "hash");
  if (issuer_cert != nullptr) add_extension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");

  std::vector<std::string> usage;
  if (spec.certificate_authority) usage = {"keyCertSign", "cRLSign"};
  if (spec.digital_signature || spec.server_auth || spec.time_stamping || spec.ocsp_signing) {
    usage.emplace_back("digitalSignature");
  }
  if (spec.non_repudiation) usage.emplace_back("nonRepudiation");
  if (!usage.empty()) add_extension(cert.get(), issuer, NID_key_usage, "critical," + join(usage));
  if (spec.server_auth) add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
  if (spec.time_stamping) add_extension(cert.get(), issuer, NID_ext_key_usage, "critical,timeStamping");
  if (spec.ocsp_signing) {
    add_extension(cert.get(), issuer, NID_ext_key_usage, "OCSPSigning");
    add_extension(cert.get(), issuer, NID_id_pkix_OCSP_noCheck, "ignored");
  }
  if (!spec.ocsp_url.empty()) add_extension(cert.get(), issuer, NID_info_access, "OCSP;URI:" + spec.ocsp_url);
  if (!spec.crl_url.empty()) add_extension(cert.get(), issuer, NID_crl_distribution_points, "URI:" + spec.crl_url);
  if (spec.qualified_nes) {
    add_policy(cert.get(), test_policy_oid);
    const auto statements =
        cades::encode_qc_statements({cades::qc_compliance_oid, cades::qc_sscd_oid, cades::btk_nes_statement_oid});
    if (!statements) fail("cannot encode the qualified statements");
    add_der_extension(cert.get(), NID_qcStatements, *statements);
  }

  std::vector<std::string> alt_names;
  for (const auto& dns : spec.dns_names) alt_names.push_back("DNS:" + dns);
  for (const auto& ip : spec.ip_addresses) alt_names.push_back("IP:" + ip);
  if (!alt_names.empty()) add_extension(cert.get(), issuer, NID_subject_alt_name, join(alt_names));

  EVP_PKEY* signer = issuer_key != nullptr ? issuer_key : key.get();
  if (X509_sign(cert.get(), signer, EVP_sha256()) == 0) fail("cannot sign");
  return Credential{to_pem(cert.get()), to_pem(key.get())};
}

}  // namespace

Credential make_ca(const CertificateSpec& spec) {
  CertificateSpec ca = spec;
  ca.certificate_authority = true;
  return build(ca, nullptr, nullptr);
}

Credential issue(const Credential& issuer, const CertificateSpec& spec) {
  const Cert issuer_cert = cert_from_pem(issuer.certificate_pem);
  const Key issuer_key = key_from_pem(issuer.private_key_pem);
  return build(spec, issuer_cert.get(), issuer_key.get());
}

ServerPki make_localhost_server_pki() {
  ServerPki pki;
  pki.ca = make_ca({.common_name = "NES SDK TEST TLS CA"});
  pki.server = issue(pki.ca, {.common_name = "localhost",
                              .dns_names = {"localhost"},
                              .ip_addresses = {"127.0.0.1", "::1"},
                              .server_auth = true,
                              .not_after = std::chrono::hours(24 * 30)});
  return pki;
}

}  // namespace nes::portal::pki
