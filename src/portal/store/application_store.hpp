#pragma once
// Applications and their SMS code state in SQLite. Every change is one
// transaction under the database's lock, so concurrent requests on one
// application (two verify calls, a verify and a cancel) never interleave.

#include "portal/store/database.hpp"

#include <nes/institution.hpp>
#include <nes/lifecycle.hpp>
#include <nes/money.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::store {

/// The SMS code of an application; the code itself only as a salted hash.
struct OtpRecord {
  std::string code_hash;
  std::int64_t expires_at_ms = 0;
  std::int64_t resend_after_ms = 0;
  int tries_left = 0;  ///< 0: locked

  [[nodiscard]] bool locked() const noexcept { return tries_left <= 0; }
};

struct ApplicationRecord {
  std::string id;  ///< "app_" and 8 of [0-9A-Z]
  std::string tckn;
  std::string institution_id;
  PaymentKind payer = PaymentKind::person_paid;
  ApplicationStatus status = ApplicationStatus::otp_pending;
  std::string form_json;  ///< the normalised form
  std::string phone;      ///< E.164, where the SMS code goes
  Fee fee;
  std::optional<std::string> approval;   ///< "e_signature" or "wet_signature"
  std::optional<std::string> document;   ///< the bytes to sign, fixed once the code is verified
  std::optional<std::string> signature;  ///< the accepted CMS (DER)
  std::string idempotency_key;
  std::string request_digest;  ///< SHA-256 of the submission's body
  OtpRecord otp;
  std::optional<std::string> held_back_reason;  ///< why the institution's officer left it off a signed list
  std::optional<std::string> invoice_id;        ///< the institution's invoice (its signed list) holding it
  std::optional<std::string> renews;            ///< the serial of the certificate a renewal renews
  /// The form's security word as registry::PasswordHash::to_text(); the form itself is kept without it.
  std::optional<std::string> security_word_hash;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

enum class InsertOutcome {
  created,
  replayed,        ///< same person, key and body: the earlier application
  key_reused,      ///< same person and key, another body
  duplicate_open,  ///< an open application for that institution exists (given back)
  refused,         ///< the caller's check inside the transaction said no
};

struct InsertResult {
  InsertOutcome outcome;
  ApplicationRecord record;
};

struct ApplicationFilter {
  std::optional<std::string> tckn{};
  std::optional<ApplicationStatus> status{};
  std::optional<std::string> institution_id{};
};

class ApplicationStore {
 public:
  explicit ApplicationStore(Database& database) : database_(database) {}

  /// Runs inside insert()'s or modify()'s transaction once the application
  /// is written (its id chosen); false rolls it back (InsertOutcome::refused).
  using WithinTransaction = std::function<bool(sqlite3*, const ApplicationRecord&)>;

  /// Checks the idempotency key and the one-open-application rule and
  /// inserts, all in one transaction. `record.id` is chosen here.
  InsertResult insert(ApplicationRecord record, const WithinTransaction& within = {});

  [[nodiscard]] std::optional<ApplicationRecord> find(std::string_view id) const;
  /// The application a person submitted with an idempotency key.
  [[nodiscard]] std::optional<ApplicationRecord> find_by_key(std::string_view tckn, std::string_view key) const;
  /// Newest first.
  [[nodiscard]] std::vector<ApplicationRecord> list(const ApplicationFilter& filter) const;
  /// The same, on a connection already held (inside another store's transaction).
  [[nodiscard]] static std::vector<ApplicationRecord> list(sqlite3* db, const ApplicationFilter& filter);
  /// Writes an application read with list(db, …) back, changed.
  static void update(sqlite3* db, ApplicationRecord& record);

  /// Reads the application, lets `change` modify it and writes it back when
  /// `change` returns true, in one transaction. Nullopt when there is no such
  /// application; otherwise the record as stored afterwards.
  /// `within`, when given, runs in the same transaction after `change` said
  /// yes (another store's rows that go with the change); false rolls it all back.
  std::optional<ApplicationRecord> modify(std::string_view id, const std::function<bool(ApplicationRecord&)>& change,
                                          const WithinTransaction& within = {});

 private:
  Database& database_;
};

}  // namespace nes::portal::store
