#pragma once
// A throw-away PKI for tests and the demo, made at run time with OpenSSL:
// a TLS CA with a server certificate for localhost/127.0.0.1, and an e-imza
// CA with applicant certificates whose subject serialNumber is a T.C. Kimlik
// No. Nothing made here is ever committed; every name says "TEST".

#include <nes/secret.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace nes::portal::pki {

enum class KeyType { ec_p256, rsa_2048 };

/// A certificate and its private key, both PEM.
struct Credential {
  std::string certificate_pem;
  SecretString private_key_pem;
};

/// The test PKI's certificate policy: under the example arc of X.660, so that
/// no real policy is claimed.
inline constexpr const char* test_policy_oid = "2.999.5070.1";

struct CertificateSpec {
  std::string common_name{};
  std::string organization = "NES SDK TEST PKI - NOT FOR PRODUCTION";
  std::string subject_serial_number{};  ///< e.g. a T.C. Kimlik No; empty for none
  std::vector<std::string> dns_names{};
  std::vector<std::string> ip_addresses{};
  bool certificate_authority = false;
  bool server_auth = false;      ///< extendedKeyUsage serverAuth, keyUsage digitalSignature
  bool non_repudiation = false;  ///< keyUsage nonRepudiation (e-imza)
  bool digital_signature = false;
  /// extendedKeyUsage timeStamping (critical, as RFC 3161 asks), keyUsage digitalSignature: a TSA
  bool time_stamping = false;
  /// What a real NES certificate carries besides nonRepudiation: the qualified
  /// statements (ETSI QcCompliance and QcSSCD, BTK's NES statement) and a
  /// certificate policy (test_policy_oid), so that tests sign as in life.
  bool qualified_nes = false;
  /// extendedKeyUsage OCSPSigning and id-pkix-ocsp-nocheck (RFC 6960,
  /// 4.2.2.2): a responder the CA delegates its OCSP answers to.
  bool ocsp_signing = false;
  /// Where the certificate's status is asked (authorityInfoAccess OCSP) and
  /// its CA's CRL fetched (cRLDistributionPoints); empty for none.
  std::string ocsp_url{};
  std::string crl_url{};
  KeyType key_type = KeyType::ec_p256;
  /// Validity relative to now; a negative not_after makes an expired certificate.
  std::chrono::seconds not_before = std::chrono::hours(-1);
  std::chrono::seconds not_after = std::chrono::hours(24 * 365);
};

/// A self-signed CA certificate.
Credential make_ca(const CertificateSpec& spec);

/// A certificate for `spec`, signed by `issuer`.
Credential issue(const Credential& issuer, const CertificateSpec& spec);

/// The usual pair for a local TLS server: a CA and a localhost certificate.
struct ServerPki {
  Credential ca;
  Credential server;
};
ServerPki make_localhost_server_pki();

}  // namespace nes::portal::pki
