#include "portal/store/confirmation_store.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

std::optional<ConfirmationRecord> select_one(sqlite3* db, std::string_view id) {
  Statement s(db,
              "SELECT id, tckn, purpose, subject, detail, phone, otp_code_hash, otp_expires_at_ms, "
              "otp_resend_after_ms, otp_tries_left, created_at_ms, confirmed_at_ms FROM confirmations WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return ConfirmationRecord{.id = s.text(0),
                            .tckn = s.text(1),
                            .purpose = s.text(2),
                            .subject = s.text(3),
                            .detail = s.text(4),
                            .phone = s.text(5),
                            .otp = {.code_hash = s.text(6),
                                    .expires_at_ms = s.integer(7),
                                    .resend_after_ms = s.integer(8),
                                    .tries_left = static_cast<int>(s.integer(9))},
                            .created_at_ms = s.integer(10),
                            .confirmed_at_ms = s.optional_integer(11)};
}

}  // namespace

std::string ConfirmationStore::create(ConfirmationRecord record) {
  record.id = "cnf_" + crypto::random_string(8, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  database_.with_connection([&](sqlite3* db) {
    Statement s(db,
                "INSERT INTO confirmations (id, tckn, purpose, subject, detail, phone, otp_code_hash, "
                "otp_expires_at_ms, otp_resend_after_ms, otp_tries_left, created_at_ms) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    s.bind(1, record.id);
    s.bind(2, record.tckn);
    s.bind(3, record.purpose);
    s.bind(4, record.subject);
    s.bind(5, record.detail);
    s.bind(6, record.phone);
    s.bind(7, record.otp.code_hash);
    s.bind(8, record.otp.expires_at_ms);
    s.bind(9, record.otp.resend_after_ms);
    s.bind(10, std::int64_t{record.otp.tries_left});
    s.bind(11, record.created_at_ms);
    s.run();
  });
  return record.id;
}

std::optional<ConfirmationRecord> ConfirmationStore::find(std::string_view id) const {
  return database_.with_connection([&](sqlite3* db) { return select_one(db, id); });
}

std::optional<ConfirmationRecord> ConfirmationStore::modify(std::string_view id,
                                                            const std::function<bool(ConfirmationRecord&)>& change) {
  return database_.with_connection([&](sqlite3* db) -> std::optional<ConfirmationRecord> {
    Transaction transaction(db);
    auto record = select_one(db, id);
    if (!record) return std::nullopt;
    ConfirmationRecord changed = *record;
    if (!change(changed)) return record;
    Statement s(db, "UPDATE confirmations SET otp_tries_left = ?2, confirmed_at_ms = ?3 WHERE id = ?1");
    s.bind(1, changed.id);
    s.bind(2, std::int64_t{changed.otp.tries_left});
    if (changed.confirmed_at_ms) {
      s.bind(3, *changed.confirmed_at_ms);
    } else {
      s.bind_null(3);
    }
    s.run();
    transaction.commit();
    return changed;
  });
}

}  // namespace nes::portal::store
