#include "portal/store/database.hpp"

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
};

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  Statement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void bind(int index, std::string_view text) {
    // A default string_view has a null data(), which SQLite would bind as
    // NULL; an empty string is what is meant.
    sqlite3_bind_text(stmt, index, text.data() != nullptr ? text.data() : "", static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  std::string column(int index) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, index));
    return text == nullptr ? std::string() : std::string(text);
  }
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
  return sqlite3_step(s.stmt) == SQLITE_ROW ? sqlite3_column_int(s.stmt, 0) : -1;
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
    if (sqlite3_step(wal.stmt) != SQLITE_ROW || wal.column(0) != "wal") {
      detail = "cannot switch " + path + " to WAL mode";
      return nullptr;
    }
  }
  if (!exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", detail)) return nullptr;
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
  if (sqlite3_step(s.stmt) != SQLITE_DONE) throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
}

std::vector<AuditEntry> Database::recent_audit(int limit) const {
  const std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT at, event, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1");
  sqlite3_bind_int(s.stmt, 1, limit);
  std::vector<AuditEntry> out;
  while (sqlite3_step(s.stmt) == SQLITE_ROW) out.push_back({s.column(0), s.column(1), s.column(2), s.column(3)});
  return out;
}

}  // namespace nes::portal::store
