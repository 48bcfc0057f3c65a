#include "portal/store/revocation_store.hpp"

#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

std::optional<Revocation> find_in(sqlite3* db, std::string_view authority, std::string_view serial) {
  Statement s(db, "SELECT serial, revoked_at_ms, reason FROM revocations WHERE authority = ?1 AND serial = ?2");
  s.bind(1, authority);
  s.bind(2, serial);
  if (!s.step()) return std::nullopt;
  return Revocation{s.text(0), s.integer(1), static_cast<int>(s.integer(2))};
}

}  // namespace

Revocation RevocationStore::revoke(std::string_view authority, std::string_view serial, int reason, std::int64_t now_ms,
                                   bool& fresh) {
  return database_.with_connection([&](sqlite3* db) {
    if (auto earlier = find_in(db, authority, serial)) {
      fresh = false;
      return std::move(*earlier);
    }
    Statement s(db, "INSERT INTO revocations (authority, serial, revoked_at_ms, reason) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, authority);
    s.bind(2, serial);
    s.bind(3, now_ms);
    s.bind(4, std::int64_t{reason});
    s.run();
    fresh = true;
    return Revocation{std::string(serial), now_ms, reason};
  });
}

std::optional<Revocation> RevocationStore::find(std::string_view authority, std::string_view serial) const {
  return database_.with_connection([&](sqlite3* db) { return find_in(db, authority, serial); });
}

std::vector<Revocation> RevocationStore::list(std::string_view authority) const {
  return database_.with_connection([&](sqlite3* db) {
    Statement s(db, "SELECT serial, revoked_at_ms, reason FROM revocations WHERE authority = ?1 ORDER BY rowid");
    s.bind(1, authority);
    std::vector<Revocation> out;
    while (s.step()) out.push_back({s.text(0), s.integer(1), static_cast<int>(s.integer(2))});
    return out;
  });
}

}  // namespace nes::portal::store
