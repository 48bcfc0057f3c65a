#include <nes/error.hpp>

#include <string>

namespace nes {

namespace {

// Boost's error_category has a protected non-virtual destructor by design;
// categories are never deleted through a base pointer.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#endif
class NesCategory final : public boost::system::error_category {
 public:
  // A fixed id makes the category compare equal across shared-library copies.
  constexpr NesCategory() noexcept : error_category(0x6e65735f65727263ULL) {}

  const char* name() const noexcept override { return "nes"; }

  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::validation_failed:
        return "validation failed";
      case errc::malformed_input:
        return "malformed input";
      case errc::invalid_argument:
        return "invalid argument";
      case errc::resource_in_use:
        return "resource in use by another process";
      case errc::connection_failed:
        return "cannot connect to the server";
      case errc::timed_out:
        return "timed out";
      case errc::certificate_untrusted:
        return "the server's certificate is not trusted";
      case errc::certificate_expired:
        return "the server's certificate has expired or is not yet valid";
      case errc::host_name_mismatch:
        return "the server's certificate is for another host name";
      case errc::tls_version_refused:
        return "the server offers no TLS version of 1.2 or later";
      case errc::pin_mismatch:
        return "the server's key is not the pinned key";
      case errc::tls_failed:
        return "TLS handshake failed";
      case errc::proxy_failed:
        return "the HTTPS proxy refused the tunnel";
      case errc::too_many_redirects:
        return "too many redirects";
      case errc::connection_lost:
        return "the connection was lost before the answer";
      case errc::protocol_error:
        return "the server's answer is not valid HTTP or not the protocol's";
      case errc::portal_refused:
        return "the portal refused the request";
      case errc::state_mismatch:
        return "the login's state came back changed";
      case errc::pkcs11_module_not_found:
        return "no PKCS#11 module found";
      case errc::pkcs11_module_failed:
        return "the PKCS#11 module failed to load or initialise";
      case errc::token_not_found:
        return "no such token";
      case errc::certificate_not_found:
        return "no such certificate with a private key on the token";
      case errc::certificate_ambiguous:
        return "more than one certificate could sign; name one";
      case errc::certificate_not_for_signing:
        return "the certificate does not allow nonRepudiation";
      case errc::signer_certificate_expired:
        return "the signing certificate has expired or is not yet valid";
      case errc::pin_incorrect:
        return "the PIN is incorrect";
      case errc::pin_locked:
        return "the PIN is locked";
      case errc::token_failed:
        return "the token failed";
      case errc::font_missing:
        return "the font for the PDF is missing";
      case errc::pdf_failed:
        return "the PDF could not be made";
      case errc::pcsc_unavailable:
        return "no PC/SC service (is pcscd running?)";
      case errc::reader_not_found:
        return "no such card reader";
      case errc::pcsc_failed:
        return "PC/SC failed";
      case errc::timestamp_refused:
        return "the time-stamp service refused";
      case errc::timestamp_invalid:
        return "the time-stamp service's answer is not a valid time stamp";
      case errc::journal_failed:
        return "the journal cannot be read or written";
      case errc::certificate_not_qualified:
        return "the certificate is not a qualified NES certificate";
      case errc::certificate_revoked:
        return "a certificate of the signature is revoked or suspended";
      case errc::revocation_unavailable:
        return "a certificate's status (OCSP or CRL) could not be had";
      case errc::puk_incorrect:
        return "the PUK is incorrect";
      case errc::puk_locked:
        return "the PUK is locked";
      case errc::pin_rejected:
        return "the token does not take the new PIN";
    }
    return "unknown nes error";
  }
};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

}  // namespace

const boost::system::error_category& nes_category() noexcept {
  static const NesCategory category;
  return category;
}

}  // namespace nes
