#pragma once
// What production makes for a shipped application, as a card factory would:
// a key pair, the certificate from the portal's e-imza CA with what a real
// NES carries (the T.C. Kimlik No as the subject's serialNumber,
// nonRepudiation, the qualified statements and the NES policy, where to ask
// for its status), and the card's PUK.

#include "portal/pki/test_pki.hpp"
#include "portal/store/certificate_store.hpp"

#include <string>

namespace nes::portal::issuance {

/// The e-imza CA the portal issues from, and where its status is published.
struct IssuingCa {
  pki::Credential ca{};
  std::string ocsp_url{};
  std::string crl_url{};
};

/// Whose card it is.
struct CardHolder {
  std::string application_id;
  std::string tckn;
  std::string common_name;
  int validity_years = 0;
  /// Days instead of years, for tests and demos of renewal; 0: the years.
  int validity_days = 0;
};

/// The card made now: the certificate record with the key (card_key_pem)
/// and the PUK set, valid from now for the holder's years. Throws
/// std::runtime_error when OpenSSL fails.
store::CertificateRecord make_card(const IssuingCa& issuer, const CardHolder& holder);

}  // namespace nes::portal::issuance
