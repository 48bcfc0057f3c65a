#include "portal/issuance/card_issuer.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/openssl_ptr.hpp"
#include "portal/revocation/certificate_status.hpp"

#include <openssl/asn1.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <stdexcept>

namespace nes::portal::issuance {

namespace {

using namespace std::chrono;

// A card's PUK: eight digits, as the cards' PIN mailers give them.
SecretString make_puk() {
  std::string puk;
  while (puk.size() < 8) {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("no randomness");
    for (const unsigned char b : bytes) {
      if (b < 250 && puk.size() < 8) puk.push_back(static_cast<char>('0' + b % 10));  // 250: unbiased
    }
  }
  SecretString secret(puk);
  secure_wipe(puk.data(), puk.size());
  return secret;
}

// `years` calendar years after `from`; 29 February becomes 28 February.
system_clock::time_point years_after(system_clock::time_point from, int years) {
  const auto day = floor<days>(from);
  year_month_day date{day};
  date = date + std::chrono::years(years);
  if (!date.ok()) date = date.year() / date.month() / last;
  return sys_days{date} + (from - day);
}

std::int64_t epoch_ms(const ASN1_TIME* time) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(time, &tm) != 1) throw std::runtime_error("cannot read the certificate's validity");
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

}  // namespace

store::CertificateRecord make_card(const IssuingCa& issuer, const CardHolder& holder) {
  const auto now = system_clock::now();
  const auto validity = holder.validity_days > 0
                            ? duration_cast<seconds>(days(holder.validity_days))
                            : duration_cast<seconds>(years_after(now, holder.validity_years) - now);
  auto credential = pki::issue(issuer.ca, {.common_name = holder.common_name,
                                           .subject_serial_number = holder.tckn,
                                           .non_repudiation = true,
                                           .qualified_nes = true,
                                           .ocsp_url = issuer.ocsp_url,
                                           .crl_url = issuer.crl_url,
                                           .key_type = pki::KeyType::rsa_2048,
                                           .not_before = seconds(0),
                                           .not_after = validity});
  const crypto::BioPtr bio(
      BIO_new_mem_buf(credential.certificate_pem.data(), static_cast<int>(credential.certificate_pem.size())));
  const crypto::CertPtr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!certificate) throw std::runtime_error("cannot read the issued certificate");
  store::CertificateRecord record{.serial = revocation::serial_hex(X509_get0_serialNumber(certificate.get())),
                                  .application_id = holder.application_id,
                                  .tckn = holder.tckn,
                                  .common_name = holder.common_name,
                                  .not_before_ms = epoch_ms(X509_get0_notBefore(certificate.get())),
                                  .not_after_ms = epoch_ms(X509_get0_notAfter(certificate.get())),
                                  .certificate_pem = std::move(credential.certificate_pem),
                                  .card_key_pem = std::move(credential.private_key_pem),
                                  .puk = make_puk(),
                                  .issued_at_ms = now_ms()};
  if (record.serial.empty()) throw std::runtime_error("cannot read the issued certificate's serial");
  return record;
}

}  // namespace nes::portal::issuance
