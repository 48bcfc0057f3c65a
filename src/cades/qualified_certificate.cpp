#include "cades/qualified_certificate.hpp"

#include "cades/asn1_value.hpp"

#include <openssl/x509v3.h>

namespace nes::cades {

namespace {

struct NesQcStatement {
  ASN1_OBJECT* id;
  ASN1_TYPE* info;
};

// OpenSSL's template macros, laid out as OpenSSL lays them out.
// clang-format off
// NOLINTBEGIN
ASN1_SEQUENCE(NesQcStatement) = {
    ASN1_SIMPLE(NesQcStatement, id, ASN1_OBJECT),
    ASN1_OPT(NesQcStatement, info, ASN1_ANY),
} static_ASN1_SEQUENCE_END(NesQcStatement)

ASN1_ITEM_TEMPLATE(NesQcStatements) =
    ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, NesQcStatements, NesQcStatement)
static_ASN1_ITEM_TEMPLATE_END(NesQcStatements)
// NOLINTEND
// clang-format on

}  // namespace

namespace {

// The policies of the certificatePolicies extension: absent, named, or malformed.
void read_policies(X509* certificate, QualifiedFacts& facts) {
  int critical = -1;
  auto* policies =
      static_cast<CERTIFICATEPOLICIES*>(X509_get_ext_d2i(certificate, NID_certificate_policies, &critical, nullptr));
  if (policies == nullptr) {
    facts.malformed = facts.malformed || critical != -1;  // -1: absent; otherwise unparsable or repeated
    return;
  }
  facts.certificate_policies = sk_POLICYINFO_num(policies) > 0;
  CERTIFICATEPOLICIES_free(policies);
}

void read_statements(X509* certificate, QualifiedFacts& facts) {
  const int at = X509_get_ext_by_NID(certificate, NID_qcStatements, -1);
  if (at < 0) return;
  if (X509_get_ext_by_NID(certificate, NID_qcStatements, at) >= 0) {
    facts.malformed = true;  // RFC 5280, 4.2: an extension appears at most once
    return;
  }
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(certificate, at));
  const auto ids = decode_qc_statements(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                                                         static_cast<std::size_t>(ASN1_STRING_length(data))));
  if (!ids) {
    facts.malformed = true;
    return;
  }
  for (const auto& id : *ids) {
    facts.qc_compliance = facts.qc_compliance || id == qc_compliance_oid;
    facts.btk_nes_statement = facts.btk_nes_statement || id == btk_nes_statement_oid || id == btk_nes_statement_2_oid;
  }
}

}  // namespace

std::string QualifiedFacts::missing() const {
  if (malformed) return "a qcStatements or certificatePolicies extension that does not parse";
  if (!non_repudiation) return "no nonRepudiation in keyUsage";
  if (!certificate_policies) return "no certificate policies";
  if (!qc_compliance) return "no ETSI QcCompliance statement (0.4.0.1862.1.1)";
  if (!btk_nes_statement) return "no BTK NES statement (2.16.792.1.61.0.1.5070.1.1)";
  return {};
}

QualifiedFacts qualified_facts(X509* certificate) {
  QualifiedFacts facts;
  // Without a keyUsage extension a certificate is not an e-imza certificate.
  facts.non_repudiation = (X509_get_extension_flags(certificate) & EXFLAG_KUSAGE) != 0 &&
                          (X509_get_key_usage(certificate) & KU_NON_REPUDIATION) != 0;
  read_policies(certificate, facts);
  read_statements(certificate, facts);
  return facts;
}

std::optional<std::string> encode_qc_statements(const std::vector<std::string_view>& statement_oids) {
  const Asn1Value value(ASN1_ITEM_rptr(NesQcStatements));
  auto* statements = value.as<OPENSSL_STACK>();
  if (value.empty()) return std::nullopt;
  for (const auto oid : statement_oids) {
    auto* statement = reinterpret_cast<NesQcStatement*>(ASN1_item_new(ASN1_ITEM_rptr(NesQcStatement)));
    if (statement == nullptr) return std::nullopt;
    if (!set_oid(&statement->id, oid) || OPENSSL_sk_push(statements, statement) <= 0) {
      ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(statement), ASN1_ITEM_rptr(NesQcStatement));
      return std::nullopt;
    }
  }
  return value.der();
}

std::optional<std::vector<std::string>> decode_qc_statements(std::string_view der) {
  const auto value = Asn1Value::parse(ASN1_ITEM_rptr(NesQcStatements), der);
  if (!value) return std::nullopt;
  const auto* statements = value->as<OPENSSL_STACK>();
  std::vector<std::string> ids;
  for (int i = 0; i < OPENSSL_sk_num(statements); ++i) {
    const auto* statement = static_cast<const NesQcStatement*>(OPENSSL_sk_value(statements, i));
    std::string id = dotted(statement->id);
    if (id.empty()) return std::nullopt;
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace nes::cades
