#include "portal/store/session_store.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

std::string token_hash(std::string_view token) { return crypto::base64url_encode(crypto::sha256(token)); }

}  // namespace

std::string SessionStore::create(const SessionRecord& session) {
  std::string token = crypto::random_token(32);
  database_.with_connection([&](sqlite3* db) {
    Statement s(db, "INSERT INTO sessions (token_hash, tckn, csrf_token, expires_at_ms) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, token_hash(token));
    s.bind(2, session.tckn);
    s.bind(3, session.csrf_token);
    s.bind(4, session.expires_at_ms);
    s.run();
  });
  return token;
}

std::optional<SessionRecord> SessionStore::find(std::string_view token) const {
  return database_.with_connection([&](sqlite3* db) -> std::optional<SessionRecord> {
    Statement s(db, "SELECT tckn, csrf_token, expires_at_ms FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash(token));
    if (!s.step()) return std::nullopt;
    return SessionRecord{s.text(0), s.text(1), s.integer(2)};
  });
}

void SessionStore::remove(std::string_view token) {
  database_.with_connection([&](sqlite3* db) {
    Statement s(db, "DELETE FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash(token));
    s.run();
  });
}

void SessionStore::forget_expired(std::int64_t now_ms) {
  database_.with_connection([&](sqlite3* db) {
    Statement s(db, "DELETE FROM sessions WHERE expires_at_ms < ?1");
    s.bind(1, now_ms);
    s.run();
  });
}

}  // namespace nes::portal::store
