#pragma once
// The certificates the portal issued (Sertifika Listeleme): who holds each,
// its validity, the card's key until the card factory collects it, and the
// card's PUK, which the portal releases to its holder (PIN Oluşturma/Kilit
// Çözme). Revocations stay in RevocationStore: final, never updated.

#include "portal/store/database.hpp"

#include <nes/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::store {

struct CertificateRecord {
  std::string serial{};  ///< uppercase hexadecimal, no leading zeros
  std::string application_id{};
  std::string tckn{};
  std::string common_name{};
  std::int64_t not_before_ms = 0;
  std::int64_t not_after_ms = 0;
  std::string certificate_pem{};
  /// The card's private key (PKCS#8 PEM) until the card factory collects it.
  std::optional<SecretString> card_key_pem{};
  SecretString puk{};
  std::optional<std::int64_t> card_collected_at_ms{};
  std::int64_t issued_at_ms = 0;
  std::optional<std::int64_t> puk_released_at_ms{};  ///< once released to its holder
  int security_word_tries_left = 3;                  ///< wrong security words left before it locks
};

class CertificateStore {
 public:
  explicit CertificateStore(Database& database) : database_(database) {}

  /// Records `record` on a connection already held, inside the transaction
  /// that ships its application.
  static void insert(sqlite3* db, const CertificateRecord& record);

  [[nodiscard]] std::optional<CertificateRecord> find(std::string_view serial) const;
  [[nodiscard]] std::optional<CertificateRecord> for_application(std::string_view application_id) const;
  /// The person's certificates, newest first.
  [[nodiscard]] std::vector<CertificateRecord> of_person(std::string_view tckn) const;

  /// One wrong security word counted; the tries left.
  int miss_security_word(std::string_view serial);
  /// The PUK, once: nullopt when it was released before.
  std::optional<SecretString> release_puk(std::string_view serial, std::int64_t now_ms);

  enum class CollectOutcome { collected, already_collected, no_certificate };
  /// Hands the card's key out once and forgets it: `record` has it on
  /// `collected`, and is the certificate as stored otherwise.
  CollectOutcome collect_card(std::string_view application_id, std::int64_t now_ms, CertificateRecord& record);

 private:
  Database& database_;
};

}  // namespace nes::portal::store
