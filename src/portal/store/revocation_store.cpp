#include "portal/store/revocation_store.hpp"

#include "portal/store/statement.hpp"

#include <sqlite3.h>

namespace nes::portal::store {

namespace {

std::optional<Revocation> find_in(sqlite3* db, std::string_view authority, std::string_view serial) {
  Statement s(db, "SELECT serial, revoked_at_ms, reason FROM revocations WHERE authority = ?1 AND serial = ?2");
  s.bind(1, authority);
  s.bind(2, serial);
  if (!s.step()) return std::nullopt;
  return Revocation{s.text(0), s.integer(1), static_cast<int>(s.integer(2))};
}

std::optional<Revocation> hold_in(sqlite3* db, std::string_view authority, std::string_view serial) {
  Statement s(db, "SELECT serial, held_at_ms FROM certificate_holds WHERE authority = ?1 AND serial = ?2");
  s.bind(1, authority);
  s.bind(2, serial);
  if (!s.step()) return std::nullopt;
  return Revocation{s.text(0), s.integer(1), certificate_hold};
}

bool release_in(sqlite3* db, std::string_view authority, std::string_view serial) {
  Statement s(db, "DELETE FROM certificate_holds WHERE authority = ?1 AND serial = ?2");
  s.bind(1, authority);
  s.bind(2, serial);
  s.run();
  return sqlite3_changes(db) > 0;
}

}  // namespace

Revocation RevocationStore::revoke(std::string_view authority, std::string_view serial, int reason, std::int64_t now_ms,
                                   bool& fresh) {
  return database_.with_connection([&](sqlite3* db) {
    if (auto earlier = find_in(db, authority, serial)) {
      fresh = false;
      return std::move(*earlier);
    }
    Transaction transaction(db);
    Statement s(db, "INSERT INTO revocations (authority, serial, revoked_at_ms, reason) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, authority);
    s.bind(2, serial);
    s.bind(3, now_ms);
    s.bind(4, std::int64_t{reason});
    s.run();
    release_in(db, authority, serial);  // a suspension ends in the revocation
    transaction.commit();
    fresh = true;
    return Revocation{std::string(serial), now_ms, reason};
  });
}

RevocationStore::HoldOutcome RevocationStore::hold(std::string_view authority, std::string_view serial,
                                                   std::int64_t now_ms, Revocation& on_record) {
  return database_.with_connection([&](sqlite3* db) {
    if (auto revoked = find_in(db, authority, serial)) {
      on_record = std::move(*revoked);
      return HoldOutcome::revoked;
    }
    if (auto held = hold_in(db, authority, serial)) {
      on_record = std::move(*held);
      return HoldOutcome::already_held;
    }
    Statement s(db, "INSERT INTO certificate_holds (authority, serial, held_at_ms) VALUES (?1, ?2, ?3)");
    s.bind(1, authority);
    s.bind(2, serial);
    s.bind(3, now_ms);
    s.run();
    on_record = Revocation{std::string(serial), now_ms, certificate_hold};
    return HoldOutcome::held;
  });
}

bool RevocationStore::release(std::string_view authority, std::string_view serial) {
  return database_.with_connection([&](sqlite3* db) { return release_in(db, authority, serial); });
}

std::optional<Revocation> RevocationStore::find(std::string_view authority, std::string_view serial) const {
  return database_.with_connection([&](sqlite3* db) {
    auto revoked = find_in(db, authority, serial);
    return revoked ? revoked : hold_in(db, authority, serial);
  });
}

std::vector<Revocation> RevocationStore::list(std::string_view authority) const {
  return database_.with_connection([&](sqlite3* db) {
    std::vector<Revocation> out;
    Statement s(db, "SELECT serial, revoked_at_ms, reason FROM revocations WHERE authority = ?1 ORDER BY rowid");
    s.bind(1, authority);
    while (s.step()) out.push_back({s.text(0), s.integer(1), static_cast<int>(s.integer(2))});
    Statement held(db, "SELECT serial, held_at_ms FROM certificate_holds WHERE authority = ?1 ORDER BY rowid");
    held.bind(1, authority);
    while (held.step()) out.push_back({held.text(0), held.integer(1), certificate_hold});
    return out;
  });
}

}  // namespace nes::portal::store
