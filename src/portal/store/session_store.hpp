#pragma once
// Portal sessions in SQLite, so that a restart does not log anyone out. The
// session token itself is never stored, only its SHA-256.

#include "portal/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::store {

struct SessionRecord {
  std::string tckn;
  std::string csrf_token;
  std::int64_t expires_at_ms = 0;
};

class SessionStore {
 public:
  explicit SessionStore(Database& database) : database_(database) {}

  /// Opens a session; returns its token (the cookie's value).
  std::string create(const SessionRecord& session);
  /// The session of `token`, expired or not; nullopt when unknown.
  [[nodiscard]] std::optional<SessionRecord> find(std::string_view token) const;
  void remove(std::string_view token);
  /// Drops sessions that expired before `now_ms`.
  void forget_expired(std::int64_t now_ms);

 private:
  Database& database_;
};

}  // namespace nes::portal::store
