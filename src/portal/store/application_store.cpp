#include "portal/store/application_store.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/store/statement.hpp"

#include <stdexcept>

namespace nes::portal::store {

namespace {

constexpr std::string_view columns =
    "id, tckn, institution_id, status, form_json, phone, fee_net, fee_kdv, fee_total, approval, document, "
    "signature, idempotency_key, request_digest, otp_code_hash, otp_expires_at_ms, otp_resend_after_ms, "
    "otp_tries_left, created_at_ms, updated_at_ms, payer, held_back_reason, invoice_id, renews, security_word_hash";

ApplicationRecord read_row(const Statement& s) {
  ApplicationRecord r;
  r.id = s.text(0);
  r.tckn = s.text(1);
  r.institution_id = s.text(2);
  const auto status = application_status_from_string(s.text(3));
  if (!status) throw std::runtime_error("the database holds an unknown status: " + s.text(3));
  r.status = *status;
  r.form_json = s.text(4);
  r.phone = s.text(5);
  r.fee = Fee{Money::from_kurus(s.integer(6)), Money::from_kurus(s.integer(7)), Money::from_kurus(s.integer(8))};
  r.approval = s.optional_text(9);
  r.document = s.optional_text(10);
  r.signature = s.optional_text(11);
  r.idempotency_key = s.text(12);
  r.request_digest = s.text(13);
  r.otp = OtpRecord{s.text(14), s.integer(15), s.integer(16), static_cast<int>(s.integer(17))};
  r.created_at_ms = s.integer(18);
  r.updated_at_ms = s.integer(19);
  r.payer = s.text(20) == "institution_paid" ? PaymentKind::institution_paid : PaymentKind::person_paid;
  r.held_back_reason = s.optional_text(21);
  r.invoice_id = s.optional_text(22);
  r.renews = s.optional_text(23);
  r.security_word_hash = s.optional_text(24);
  return r;
}

std::optional<ApplicationRecord> select_one(sqlite3* db, std::string_view where, std::string_view a,
                                            std::string_view b = {}) {
  Statement s(db, "SELECT " + std::string(columns) + " FROM applications WHERE " + std::string(where));
  s.bind(1, a);
  if (!b.empty()) s.bind(2, b);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

void write_row(sqlite3* db, const ApplicationRecord& r, bool insert) {
  const std::string sql =
      insert
          ? "INSERT INTO applications (" + std::string(columns) +
                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
                "?21, ?22, ?23, ?24, ?25)"
          : "UPDATE applications SET tckn = ?2, institution_id = ?3, status = ?4, form_json = ?5, phone = ?6, "
            "fee_net = ?7, fee_kdv = ?8, fee_total = ?9, approval = ?10, document = ?11, signature = ?12, "
            "idempotency_key = ?13, request_digest = ?14, otp_code_hash = ?15, otp_expires_at_ms = ?16, "
            "otp_resend_after_ms = ?17, otp_tries_left = ?18, created_at_ms = ?19, updated_at_ms = ?20, payer = ?21, "
            "held_back_reason = ?22, invoice_id = ?23, renews = ?24, security_word_hash = ?25 WHERE id = ?1";
  Statement s(db, sql);
  s.bind(1, r.id);
  s.bind(2, r.tckn);
  s.bind(3, r.institution_id);
  s.bind(4, to_string(r.status));
  s.bind(5, r.form_json);
  s.bind(6, r.phone);
  s.bind(7, r.fee.net.kurus());
  s.bind(8, r.fee.kdv.kurus());
  s.bind(9, r.fee.total.kurus());
  s.bind_optional(10, r.approval);
  s.bind_optional(11, r.document);
  if (r.signature) {
    sqlite3_bind_blob(s.get(), 12, r.signature->data(), static_cast<int>(r.signature->size()), SQLITE_TRANSIENT);
  } else {
    s.bind_null(12);
  }
  s.bind(13, r.idempotency_key);
  s.bind(14, r.request_digest);
  s.bind(15, r.otp.code_hash);
  s.bind(16, r.otp.expires_at_ms);
  s.bind(17, r.otp.resend_after_ms);
  s.bind(18, std::int64_t{r.otp.tries_left});
  s.bind(19, r.created_at_ms);
  s.bind(20, r.updated_at_ms);
  s.bind(21, to_string(r.payer));
  s.bind_optional(22, r.held_back_reason);
  s.bind_optional(23, r.invoice_id);
  s.bind_optional(24, r.renews);
  s.bind_optional(25, r.security_word_hash);
  s.run();
}

bool id_taken(sqlite3* db, const std::string& id) { return select_one(db, "id = ?1", id).has_value(); }

}  // namespace

InsertResult ApplicationStore::insert(ApplicationRecord record, const WithinTransaction& within) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    if (auto earlier = select_one(db, "tckn = ?1 AND idempotency_key = ?2", record.tckn, record.idempotency_key)) {
      const bool same = crypto::constant_time_equal(earlier->request_digest, record.request_digest);
      return InsertResult{same ? InsertOutcome::replayed : InsertOutcome::key_reused, std::move(*earlier)};
    }
    if (auto open = select_one(db,
                               "tckn = ?1 AND institution_id = ?2 AND status NOT IN "
                               "('completed', 'cancelled', 'expired', 'rejected')",
                               record.tckn, record.institution_id)) {
      return InsertResult{InsertOutcome::duplicate_open, std::move(*open)};
    }
    do {
      record.id = "app_" + crypto::random_string(8, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    } while (id_taken(db, record.id));
    write_row(db, record, true);
    if (within && !within(db, record)) return InsertResult{InsertOutcome::refused, std::move(record)};
    transaction.commit();
    return InsertResult{InsertOutcome::created, std::move(record)};
  });
}

std::optional<ApplicationRecord> ApplicationStore::find(std::string_view id) const {
  return database_.with_connection([&](sqlite3* db) { return select_one(db, "id = ?1", id); });
}

std::optional<ApplicationRecord> ApplicationStore::find_by_key(std::string_view tckn, std::string_view key) const {
  return database_.with_connection(
      [&](sqlite3* db) { return select_one(db, "tckn = ?1 AND idempotency_key = ?2", tckn, key); });
}

std::vector<ApplicationRecord> ApplicationStore::list(const ApplicationFilter& filter) const {
  return database_.with_connection([&](sqlite3* db) { return list(db, filter); });
}

std::vector<ApplicationRecord> ApplicationStore::list(sqlite3* db, const ApplicationFilter& filter) {
  Statement s(db, "SELECT " + std::string(columns) +
                      " FROM applications WHERE (?1 IS NULL OR tckn = ?1) AND (?2 IS NULL OR status = ?2) "
                      "AND (?3 IS NULL OR institution_id = ?3) ORDER BY created_at_ms DESC, id");
  s.bind_optional(1, filter.tckn);
  s.bind_optional(2, filter.status ? std::optional<std::string>(std::string(to_string(*filter.status))) : std::nullopt);
  s.bind_optional(3, filter.institution_id);
  std::vector<ApplicationRecord> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

void ApplicationStore::update(sqlite3* db, ApplicationRecord& record) {
  record.updated_at_ms = now_ms();
  write_row(db, record, false);
}

std::optional<ApplicationRecord> ApplicationStore::modify(std::string_view id,
                                                          const std::function<bool(ApplicationRecord&)>& change,
                                                          const WithinTransaction& within) {
  return database_.with_connection([&](sqlite3* db) -> std::optional<ApplicationRecord> {
    Transaction transaction(db);
    auto record = select_one(db, "id = ?1", id);
    if (!record) return std::nullopt;
    ApplicationRecord changed = *record;
    if (!change(changed)) return record;  // as stored, whatever `change` did to its copy
    changed.updated_at_ms = now_ms();
    write_row(db, changed, false);
    if (within && !within(db, changed)) return record;
    transaction.commit();
    return changed;
  });
}

}  // namespace nes::portal::store
