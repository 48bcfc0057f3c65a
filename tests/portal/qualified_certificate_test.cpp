// Is a certificate a qualified NES? The one check the SDK's signer and the
// portal share, on certificates of the test PKI and on broken extensions.

#include "cades/qualified_certificate.hpp"
#include "portal/pki/test_pki.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace {

namespace cades = nes::cades;
namespace pki = nes::portal::pki;

struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
using Certificate = std::unique_ptr<X509, X509Free>;

Certificate parse(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Certificate certificate(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return certificate;
}

Certificate issued(const pki::CertificateSpec& spec) {
  static const auto ca = pki::make_ca({.common_name = "QUALIFIED TEST CA"});
  return parse(pki::issue(ca, spec).certificate_pem);
}

void add_raw_extension(X509* certificate, int nid, const std::string& der) {
  ASN1_OCTET_STRING* data = ASN1_OCTET_STRING_new();
  ASN1_OCTET_STRING_set(data, reinterpret_cast<const unsigned char*>(der.data()), static_cast<int>(der.size()));
  X509_EXTENSION* extension = X509_EXTENSION_create_by_NID(nullptr, nid, 0, data);
  X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
  ASN1_OCTET_STRING_free(data);
}

// X509_delete_ext hands the extension back to be freed.
void remove_statements(X509* certificate) {
  X509_EXTENSION_free(X509_delete_ext(certificate, X509_get_ext_by_NID(certificate, NID_qcStatements, -1)));
}

TEST(QualifiedCertificate, TheTestPkisNesCertificateIsQualified) {
  const auto certificate = issued({.common_name = "NES", .non_repudiation = true, .qualified_nes = true});
  ASSERT_TRUE(certificate);
  const auto facts = cades::qualified_facts(certificate.get());
  EXPECT_TRUE(facts.qualified()) << facts.missing();
  EXPECT_EQ(facts.missing(), "");
}

TEST(QualifiedCertificate, EachMissingPartIsNamed) {
  const auto plain = issued({.common_name = "PLAIN", .non_repudiation = true});
  EXPECT_EQ(cades::qualified_facts(plain.get()).missing(), "no certificate policies");

  auto no_repudiation = issued({.common_name = "AUTH", .digital_signature = true, .qualified_nes = true});
  EXPECT_EQ(cades::qualified_facts(no_repudiation.get()).missing(), "no nonRepudiation in keyUsage");

  // Policies, but only ETSI's statement: not a NES under Law 5070.
  auto etsi_only = issued({.common_name = "ETSI", .non_repudiation = true, .qualified_nes = true});
  remove_statements(etsi_only.get());
  add_raw_extension(etsi_only.get(), NID_qcStatements,
                    *cades::encode_qc_statements({cades::qc_compliance_oid, cades::qc_sscd_oid}));
  EXPECT_EQ(cades::qualified_facts(etsi_only.get()).missing(), "no BTK NES statement (2.16.792.1.61.0.1.5070.1.1)");

  // BTK's later identifier counts as well; ETSI's is still required.
  auto later = issued({.common_name = "LATER", .non_repudiation = true, .qualified_nes = true});
  remove_statements(later.get());
  add_raw_extension(later.get(), NID_qcStatements, *cades::encode_qc_statements({cades::btk_nes_statement_2_oid}));
  EXPECT_EQ(cades::qualified_facts(later.get()).missing(), "no ETSI QcCompliance statement (0.4.0.1862.1.1)");
  remove_statements(later.get());
  add_raw_extension(later.get(), NID_qcStatements,
                    *cades::encode_qc_statements({cades::qc_compliance_oid, cades::btk_nes_statement_2_oid}));
  EXPECT_TRUE(cades::qualified_facts(later.get()).qualified());
}

TEST(QualifiedCertificate, ABrokenOrRepeatedExtensionIsNeverQualified) {
  for (const std::string& der : {std::string("\x30\x03\x02\x01\x01", 5),      // a statement that is an INTEGER
                                 std::string("\x30\x05\x30\x03\x06\x01", 6),  // cut short
                                 std::string("\x30\x00\x00", 3)}) {           // a trailing byte
    auto certificate = issued({.common_name = "BROKEN", .non_repudiation = true, .qualified_nes = true});
    remove_statements(certificate.get());
    add_raw_extension(certificate.get(), NID_qcStatements, der);
    const auto facts = cades::qualified_facts(certificate.get());
    EXPECT_TRUE(facts.malformed);
    EXPECT_FALSE(facts.qualified());
  }
  auto twice = issued({.common_name = "TWICE", .non_repudiation = true, .qualified_nes = true});
  add_raw_extension(twice.get(), NID_qcStatements, *cades::encode_qc_statements({cades::qc_compliance_oid}));
  EXPECT_TRUE(cades::qualified_facts(twice.get()).malformed);
  EXPECT_FALSE(cades::qualified_facts(twice.get()).qualified());
}

TEST(QualifiedCertificate, StatementsRoundTripAndRefuseWhatIsNotOneStructure) {
  const auto der = cades::encode_qc_statements({cades::qc_compliance_oid, cades::btk_nes_statement_oid});
  ASSERT_TRUE(der);
  const auto ids = cades::decode_qc_statements(*der);
  ASSERT_TRUE(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"0.4.0.1862.1.1", "2.16.792.1.61.0.1.5070.1.1"}));
  EXPECT_FALSE(cades::decode_qc_statements(*der + '\0'));
  EXPECT_FALSE(cades::decode_qc_statements(""));
  EXPECT_FALSE(cades::encode_qc_statements({"not an oid"}));
  // A statement's statementInfo (QcType's SEQUENCE, a NULL) is read past.
  const std::string qc_type_info("\x30\x0f\x30\x0d\x06\x06\x04\x00\x8e\x46\x01\x06\x30\x03\x06\x01\x00", 17);
  const std::string null_info("\x30\x0c\x30\x0a\x06\x06\x04\x00\x8e\x46\x01\x06\x05\x00", 14);
  for (const auto& with_info : {qc_type_info, null_info}) {
    const auto qc_type = cades::decode_qc_statements(with_info);
    ASSERT_TRUE(qc_type);
    EXPECT_EQ(*qc_type, (std::vector<std::string>{"0.4.0.1862.1.6"}));
  }
}

}  // namespace
