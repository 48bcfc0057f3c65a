#pragma once
// A SoftHSM2 token in a temporary directory, as a person's e-imza card would
// be: made with the real tools (softhsm2-util, OpenSC's pkcs11-tool), with
// certificates from a throw-away e-imza CA whose subject serialNumber is the
// holder's T.C. Kimlik No, each paired with its key by CKA_ID; a qualified
// NES carries the qualified statements and a certificate policy as a real
// NES does:
//   01  RSA 2048, qualified NES, valid
//   02  ECDSA P-256, qualified NES, valid
//   03  ECDSA P-256, qualified NES, expired
//   04  ECDSA P-256, digitalSignature only (no nonRepudiation)
//   05  ECDSA P-256, nonRepudiation, valid, not qualified (a test certificate)
// SOFTHSM2_CONF points at the directory for the life of the process.

#include <nes/secret.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace nes::test {

struct SoftHsmToken {
  std::filesystem::path directory;
  std::filesystem::path module;  ///< libsofthsm2.so
  std::string label;
  std::string serial;
  std::string pin;
  std::string so_pin;
  std::string holder_tckn;
  std::string holder_name;
  std::filesystem::path ca_file;  ///< the e-imza CA (PEM)
  std::string ca_pem;
  SecretString ca_key_pem;  ///< the CA's key: a portal publishes its certificates' status with it
};

/// What the token's certificates are issued under: a fresh CA by default, or
/// the one given; with an OCSP address and a CRL distribution point when given.
struct TokenIssuer {
  std::string ca_certificate_pem{};  ///< empty: a fresh CA
  SecretString ca_private_key_pem{};
  std::string ocsp_url{};
  std::string crl_url{};
  /// Add the token beside the ones `directory` holds already (one
  /// SOFTHSM2_CONF for all: a process loads the module once); else the
  /// directory's tokens are removed first.
  bool beside_existing = false;
};

/// The module's path, or nullopt when SoftHSM2 is not installed.
std::optional<std::filesystem::path> softhsm_module();

/// Makes the token under `directory` for `holder_tckn`. Throws with the
/// failing command's output on failure.
SoftHsmToken make_softhsm_token(const std::filesystem::path& directory, const std::string& holder_tckn,
                                const std::string& holder_name, const std::string& label = "NES TEST",
                                const TokenIssuer& issuer = {});

/// Runs `command` (sh -c), returning its exit status; output in `output`.
int run_command(const std::string& command, std::string* output = nullptr);

}  // namespace nes::test
