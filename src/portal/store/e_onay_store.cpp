#include "portal/store/e_onay_store.hpp"

#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

std::optional<EOnayRecord> select(sqlite3* db, std::string_view tckn) {
  Statement s(db, "SELECT tckn, signature, given_at_ms, withdrawn_at_ms FROM e_onay WHERE tckn = ?1");
  s.bind(1, tckn);
  if (!s.step()) return std::nullopt;
  return EOnayRecord{
      .tckn = s.text(0), .signature = s.text(1), .given_at_ms = s.integer(2), .withdrawn_at_ms = s.optional_integer(3)};
}

}  // namespace

std::optional<EOnayRecord> EOnayStore::find(std::string_view tckn) const {
  return database_.with_connection([&](sqlite3* db) { return select(db, tckn); });
}

EOnayRecord EOnayStore::give(std::string_view tckn, const std::string& signature, std::int64_t now_ms) {
  return database_.with_connection([&](sqlite3* db) {
    Statement s(db,
                "INSERT INTO e_onay (tckn, signature, given_at_ms) VALUES (?1, ?2, ?3) ON CONFLICT (tckn) DO UPDATE "
                "SET signature = excluded.signature, given_at_ms = excluded.given_at_ms, withdrawn_at_ms = NULL");
    s.bind(1, tckn);
    sqlite3_bind_blob(s.get(), 2, signature.data(), static_cast<int>(signature.size()), SQLITE_TRANSIENT);
    s.bind(3, now_ms);
    s.run();
    return EOnayRecord{.tckn = std::string(tckn), .signature = signature, .given_at_ms = now_ms};
  });
}

bool EOnayStore::withdraw(std::string_view tckn, std::int64_t now_ms) {
  return database_.with_connection([&](sqlite3* db) {
    Statement s(db, "UPDATE e_onay SET withdrawn_at_ms = ?2 WHERE tckn = ?1 AND withdrawn_at_ms IS NULL");
    s.bind(1, tckn);
    s.bind(2, now_ms);
    s.run();
    return sqlite3_changes(db) == 1;
  });
}

}  // namespace nes::portal::store
