#pragma once
// The SDK's error codes. Every asynchronous operation completes with an
// error_code first; a problem reported by the portal is data (see later
// headers), not one of these codes. See docs/adr/0001-error-model.md.

#include <boost/system/error_code.hpp>
#include <nes/export.hpp>

#include <type_traits>

namespace nes {

using error_code = boost::system::error_code;

/// Error conditions raised by the SDK itself. Values are stable: they are
/// never renumbered, only appended.
enum class errc {
  /// A form or value failed validation; the structured problems travel with
  /// the result that carries this code.
  validation_failed = 1,
  /// Input could not be read as the documented format (malformed JSON,
  /// invalid UTF-8 outside a field, a wrong top-level type).
  malformed_input = 2,
  /// A caller passed an argument that the API does not accept.
  invalid_argument = 3,
  /// A resource is held by another process (a portal's data directory).
  resource_in_use = 4,

  // The transport. Each TLS refusal has its own code, so that a caller can
  // tell a missing trust anchor from a wrong name or an old server.
  /// The host name could not be resolved, or no address accepted a connection.
  connection_failed = 5,
  /// A step (resolve, connect, handshake, request) passed its deadline.
  timed_out = 6,
  /// The server's certificate does not chain to a trusted CA.
  certificate_untrusted = 7,
  /// The server's certificate (or one in its chain) has expired or is not yet valid.
  certificate_expired = 8,
  /// The server's certificate is not for the host name asked for.
  host_name_mismatch = 9,
  /// The server offers no TLS version the SDK accepts (1.2 or later).
  tls_version_refused = 10,
  /// The server's key is not the pinned one (TlsOptions::spki_sha256_pin).
  pin_mismatch = 11,
  /// Another TLS handshake failure.
  tls_failed = 12,
  /// The HTTPS proxy refused or broke the CONNECT tunnel.
  proxy_failed = 13,
  /// More redirects than ClientOptions::max_redirects.
  too_many_redirects = 14,
  /// The connection closed or reset before a whole answer came.
  connection_lost = 15,
  /// The server's answer is not HTTP the SDK can read, or not the protocol's
  /// JSON where the protocol promises it.
  protocol_error = 16,

  // The portal.
  /// The portal refused the request; the operation's Result carries its
  /// Problem (status, code, field errors, request id).
  portal_refused = 17,
  /// The e-Devlet gateway redirected with a `state` that is not the one this
  /// login sent: the answer belongs to another login and was not used.
  state_mismatch = 18,
  // Signing (step 12): PKCS#11 tokens, certificates, the wet-signature PDF.
  /// No PKCS#11 module at the given path, in NES_PKCS11_MODULE, or in the
  /// usual places of the AKİS module.
  pkcs11_module_not_found = 19,
  /// The PKCS#11 module would not load or initialise.
  pkcs11_module_failed = 20,
  /// No token with the label or serial asked for (or none at all, or more
  /// than one when none was named).
  token_not_found = 21,
  /// No certificate with the id asked for, or none with a private key.
  certificate_not_found = 22,
  /// More than one certificate could sign and none was named.
  certificate_ambiguous = 23,
  /// The certificate does not allow nonRepudiation (not an e-imza certificate).
  certificate_not_for_signing = 24,
  /// The signing certificate has expired or is not yet valid.
  signer_certificate_expired = 25,
  /// The token refused the PIN; the PinStatus says how many tries are left.
  pin_incorrect = 26,
  /// The token's PIN is locked: unblock it with the PUK (Kilit Çözme).
  pin_locked = 27,
  /// Another token failure (removed card, a key that cannot sign, a module error).
  token_failed = 28,
  /// The font for the wet-signature PDF is not there.
  font_missing = 29,
  /// The PDF could not be made or written.
  pdf_failed = 30,
  // Card readers (PC/SC).
  /// No PC/SC service (pcscd is not running).
  pcsc_unavailable = 31,
  /// No reader with that name.
  reader_not_found = 32,
  /// Another PC/SC failure.
  pcsc_failed = 33,
  // The journal (nes::Journal).
  /// The journal database cannot be opened, read or written.
  journal_failed = 34,
  // Time stamps (nes::TimestampClient).
  /// The time-stamp service refused: its text ("Not enough credit", "User
  /// 7 is not known") or its PKIStatus is in the Problem's detail.
  timestamp_refused = 35,
  /// The service's answer is not a valid time stamp for the request: not a
  /// token, another imprint or nonce, a bad signature, or a TSA certificate
  /// that is not trusted or not for time stamping.
  timestamp_invalid = 36,
  /// The certificate is not a qualified NES: no certificate policy, or no
  /// ETSI QcCompliance and BTK NES statements among its qcStatements (what
  /// is missing is in the Problem's detail). Pkcs11Options::
  /// accept_unqualified_certificate allows a test certificate.
  certificate_not_qualified = 37,
  // Validation data (nes::ValidationDataSigner).
  /// A certificate of the signature's path (the signer's, its CA's, the
  /// TSA's) is revoked or on hold: its OCSP answer or its CA's CRL says so.
  certificate_revoked = 38,
  /// A certificate's status could not be had: no OCSP URL or CRL
  /// distribution point, no answer, or an answer that is not a valid, fresh
  /// OCSP response or CRL from its CA (the Problem's code and detail say which).
  revocation_unavailable = 39,
  // PIN Oluşturma/Kilit Çözme (Pkcs11Signer::async_change_pin, async_unblock_pin).
  /// The token refused the PUK (its security officer's PIN); the token's
  /// TokenInfo::puk says how many tries are left.
  puk_incorrect = 40,
  /// The PUK is locked too: only Kamu SM can help (a new card).
  puk_locked = 41,
  /// The token does not take the new PIN: its length or its characters.
  pin_rejected = 42,
};

/// The category of nes::errc; its name is "nes".
NES_EXPORT const boost::system::error_category& nes_category() noexcept;

inline error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), nes_category()}; }

}  // namespace nes

/// @cond BOOST_SPECIALIZATIONS
template <>
struct boost::system::is_error_code_enum<nes::errc> : std::true_type {};
/// @endcond
