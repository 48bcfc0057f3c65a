#include "portal/store/database.hpp"

#include "portal/store/statement.hpp"

#include <sqlite3.h>

#include <array>
#include <stdexcept>

namespace nes::portal::store {

namespace {

// Each entry moves the schema from version i to i+1; never edit a released one.
constexpr std::array<std::string_view, Database::schema_version> migrations = {
    R"sql(
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        event TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    )sql",
    // Version 2: sessions, applications with their SMS code state. Session
    // tokens are stored as SHA-256, SMS codes as salted SHA-256.
    R"sql(
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        tckn TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        expires_at_ms INTEGER NOT NULL
      );
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        tckn TEXT NOT NULL,
        institution_id TEXT NOT NULL,
        status TEXT NOT NULL,
        form_json TEXT NOT NULL,
        phone TEXT NOT NULL,
        fee_net INTEGER NOT NULL,
        fee_kdv INTEGER NOT NULL,
        fee_total INTEGER NOT NULL,
        approval TEXT,
        document TEXT,
        signature BLOB,
        idempotency_key TEXT NOT NULL,
        request_digest TEXT NOT NULL,
        otp_code_hash TEXT NOT NULL,
        otp_expires_at_ms INTEGER NOT NULL,
        otp_resend_after_ms INTEGER NOT NULL,
        otp_tries_left INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        UNIQUE (tckn, idempotency_key)
      );
      -- At most one open application per person and institution, whatever
      -- the code above it does.
      CREATE UNIQUE INDEX one_open_application ON applications (tckn, institution_id)
        WHERE status NOT IN ('completed', 'cancelled', 'expired', 'rejected');
      CREATE INDEX applications_by_person ON applications (tckn, created_at_ms);
    )sql",
    // Version 3: revoked certificates, by the SHA-256 of their CA's
    // certificate and their serial (uppercase hexadecimal). A revocation is
    // final (Law 5070, article 11): rows are never updated or deleted.
    R"sql(
      CREATE TABLE revocations (
        authority TEXT NOT NULL,
        serial TEXT NOT NULL,
        revoked_at_ms INTEGER NOT NULL,
        reason INTEGER NOT NULL,
        PRIMARY KEY (authority, serial)
      );
    )sql",
    // Version 4: the time stamps each TSA subscriber has used, so that a
    // restart gives nobody their credit back.
    R"sql(
      CREATE TABLE tsa_credits_used (
        customer_id INTEGER PRIMARY KEY,
        used INTEGER NOT NULL
      );
    )sql",
    // Version 5: the institution-paid route. Who pays for each application;
    // the officers' requests (the access code as a salted SHA-256); the
    // officers' decisions on the institution's list, each signed at most once,
    // the signed ones being the institution's invoices.
    R"sql(
      ALTER TABLE applications ADD COLUMN payer TEXT NOT NULL DEFAULT 'person_paid';
      ALTER TABLE applications ADD COLUMN held_back_reason TEXT;
      ALTER TABLE applications ADD COLUMN invoice_id TEXT;
      CREATE TABLE institution_requests (
        id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        tckn TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        unit TEXT NOT NULL,
        work_email TEXT NOT NULL,
        work_phone TEXT NOT NULL,
        officer_tckn TEXT NOT NULL,
        access_code_hash TEXT NOT NULL,
        application_id TEXT,
        created_at_ms INTEGER NOT NULL
      );
      CREATE INDEX institution_requests_by_person ON institution_requests (institution_id, tckn);
      CREATE TABLE list_decisions (
        id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        officer_tckn TEXT NOT NULL,
        version TEXT NOT NULL,
        document TEXT NOT NULL,
        included TEXT NOT NULL,
        excluded TEXT NOT NULL,
        total_kurus INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        signature BLOB,
        signed_at_ms INTEGER,
        paid_at_ms INTEGER
      );
      CREATE UNIQUE INDEX one_signature_per_list_version ON list_decisions (institution_id, version)
        WHERE signature IS NOT NULL;
    )sql",
    // Version 6: the certificates issued when an application ships (the
    // card's key kept until the card factory collects it, then cleared; the
    // PUK kept for its release to the holder), suspensions, and the changes
    // people confirm with an SMS code.
    R"sql(
      CREATE TABLE certificates (
        serial TEXT PRIMARY KEY,
        application_id TEXT NOT NULL UNIQUE,
        tckn TEXT NOT NULL,
        common_name TEXT NOT NULL,
        not_before_ms INTEGER NOT NULL,
        not_after_ms INTEGER NOT NULL,
        certificate_pem TEXT NOT NULL,
        card_key_pem TEXT,
        puk TEXT NOT NULL,
        card_collected_at_ms INTEGER,
        issued_at_ms INTEGER NOT NULL
      );
      CREATE INDEX certificates_by_person ON certificates (tckn, issued_at_ms);
      -- Suspensions (CRL reason certificateHold): unlike revocations, lifted
      -- by deleting the row.
      CREATE TABLE certificate_holds (
        authority TEXT NOT NULL,
        serial TEXT NOT NULL,
        held_at_ms INTEGER NOT NULL,
        PRIMARY KEY (authority, serial)
      );
      -- Changes a person asked for, done once the SMS code confirms them.
      CREATE TABLE confirmations (
        id TEXT PRIMARY KEY,
        tckn TEXT NOT NULL,
        purpose TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        phone TEXT NOT NULL,
        otp_code_hash TEXT NOT NULL,
        otp_expires_at_ms INTEGER NOT NULL,
        otp_resend_after_ms INTEGER NOT NULL,
        otp_tries_left INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        confirmed_at_ms INTEGER
      );
    )sql",
    // Version 7: a renewal names the certificate it renews.
    R"sql(
      ALTER TABLE applications ADD COLUMN renews TEXT;
    )sql",
    // Version 8: the security word (a salted hash) and the PUK's release:
    // once, after the word and an SMS code; the word's wrong tries counted.
    R"sql(
      ALTER TABLE applications ADD COLUMN security_word_hash TEXT;
      ALTER TABLE certificates ADD COLUMN puk_released_at_ms INTEGER;
      ALTER TABLE certificates ADD COLUMN security_word_tries_left INTEGER NOT NULL DEFAULT 3;
    )sql",
    // Version 9: E-Onay, a person's standing consent (the CMS they gave).
    R"sql(
      CREATE TABLE e_onay (
        tckn TEXT PRIMARY KEY,
        signature BLOB NOT NULL,
        given_at_ms INTEGER NOT NULL,
        withdrawn_at_ms INTEGER
      );
    )sql",
};

bool exec(sqlite3* db, const std::string& sql, std::string& detail) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return true;
  detail = std::string("SQLite: ") + (error != nullptr ? error : "unknown error");
  sqlite3_free(error);
  return false;
}

int user_version(sqlite3* db) {
  Statement s(db, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : -1;
}

}  // namespace

std::unique_ptr<Database> Database::open(const std::string& path, std::string& detail) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    detail = "cannot open " + path + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<Database> database(new Database(db));
  // WAL: readers do not block the writer, and a killed process loses no
  // committed transaction.
  {
    Statement wal(db, "PRAGMA journal_mode=WAL");
    if (!wal.step() || wal.text(0) != "wal") {
      detail = "cannot switch " + path + " to WAL mode";
      return nullptr;
    }
  }
  // NORMAL in WAL mode: a killed process loses no committed transaction; only
  // a power cut may lose the last few. Enough for a reference portal.
  if (!exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;", detail)) return nullptr;
  const int version = user_version(db);
  if (version > schema_version) {
    detail = path + " has schema version " + std::to_string(version) + ", newer than this nes-portal (" +
             std::to_string(schema_version) + ")";
    return nullptr;
  }
  for (int v = version; v < schema_version; ++v) {
    const std::string step = "BEGIN; " + std::string(migrations[static_cast<std::size_t>(v)]) +
                             " PRAGMA user_version = " + std::to_string(v + 1) + "; COMMIT;";
    if (!exec(db, step, detail)) {
      std::string ignored;
      exec(db, "ROLLBACK;", ignored);
      return nullptr;
    }
  }
  return database;
}

Database::~Database() { sqlite3_close(db_); }

void Database::audit(std::string_view event, std::string_view subject, std::string_view detail) {
  const std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO audit_log (event, subject, detail) VALUES (?1, ?2, ?3)");
  s.bind(1, event);
  s.bind(2, subject);
  s.bind(3, detail);
  s.run();
}

std::vector<AuditEntry> Database::recent_audit(int limit) const {
  const std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT at, event, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1");
  s.bind(1, std::int64_t{limit});
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

}  // namespace nes::portal::store
