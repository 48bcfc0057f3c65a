#pragma once
// Is a certificate a qualified NES (nitelikli elektronik sertifika)? As
// TÜBİTAK's validator and its MA3 API decide it: keyUsage nonRepudiation,
// certificate policies, and among the qcStatements (RFC 3739, ETSI EN 319
// 412-5) ETSI's QcCompliance with BTK's NES statement (…5070.1.1, or the
// later …5070.2.1). One definition for the SDK's signer, the portal's check
// and the test PKI that issues such certificates.
//
//   QCStatements ::= SEQUENCE OF QCStatement
//   QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }

#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::cades {

/// id-etsi-qcs-QcCompliance: issued as a qualified certificate.
inline constexpr std::string_view qc_compliance_oid = "0.4.0.1862.1.1";
/// id-etsi-qcs-QcSSCD: its key lives in a qualified signature creation device.
inline constexpr std::string_view qc_sscd_oid = "0.4.0.1862.1.4";
/// BTK's (then Telekomünikasyon Kurumu's) statement of a NES under Law 5070.
inline constexpr std::string_view btk_nes_statement_oid = "2.16.792.1.61.0.1.5070.1.1";
/// The same statement's later identifier.
inline constexpr std::string_view btk_nes_statement_2_oid = "2.16.792.1.61.0.1.5070.2.1";

/// What makes a certificate a qualified NES, each found or not.
struct QualifiedFacts {
  bool non_repudiation = false;
  bool certificate_policies = false;  ///< a certificatePolicies extension naming at least one policy
  bool qc_compliance = false;
  bool btk_nes_statement = false;  ///< either of BTK's identifiers
  bool malformed = false;          ///< a qcStatements or certificatePolicies extension that does not parse

  [[nodiscard]] bool qualified() const {
    return non_repudiation && certificate_policies && qc_compliance && btk_nes_statement && !malformed;
  }
  /// The first thing missing, in English, for a log's detail; empty when qualified.
  [[nodiscard]] std::string missing() const;
};

QualifiedFacts qualified_facts(X509* certificate);

/// QCStatements' DER with these statement ids and no statementInfo; nullopt
/// when one is not a dotted OID.
std::optional<std::string> encode_qc_statements(const std::vector<std::string_view>& statement_oids);
/// The statement ids of QCStatements' DER; nullopt when the bytes are not
/// exactly one such structure.
std::optional<std::vector<std::string>> decode_qc_statements(std::string_view der);

}  // namespace nes::cades
