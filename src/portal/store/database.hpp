#pragma once
// The portal's SQLite database (portal.db in the data directory): WAL mode,
// a schema version in PRAGMA user_version with migrations applied at open,
// and one connection shared by all threads behind a mutex.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace nes::portal::store {

/// One entry of the audit log. `subject` is masked ("*********46"): the log
/// never holds a full T.C. Kimlik No.
struct AuditEntry {
  std::string at;  ///< UTC, ISO 8601
  std::string event;
  std::string subject;
  std::string detail;
};

class Database {
 public:
  static constexpr int schema_version = 9;

  /// Opens or creates `path`; null with `detail` on failure.
  static std::unique_ptr<Database> open(const std::string& path, std::string& detail);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void audit(std::string_view event, std::string_view subject, std::string_view detail = {});
  /// The newest `limit` entries, newest first.
  [[nodiscard]] std::vector<AuditEntry> recent_audit(int limit) const;

  /// Runs `work(sqlite3*)` with the connection to itself: the stores built
  /// on this database (sessions, applications) go through here.
  template <class Work>
  auto with_connection(Work&& work) const {
    const std::lock_guard lock(mutex_);
    return std::forward<Work>(work)(db_);
  }

 private:
  explicit Database(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  mutable std::mutex mutex_;
};

}  // namespace nes::portal::store
