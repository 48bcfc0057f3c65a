#pragma once
// The journal's SQLite connection, shared by its files: the applications'
// entries (journal.cpp) and the officers' list signatures
// (list_signing_journal.cpp).

#include <nes/error.hpp>
#include <nes/journal.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace nes {

struct Journal::Database {
  explicit Database(sqlite3* db) : handle(db) {}
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { sqlite3_close(handle); }
  sqlite3* handle;
  std::mutex mutex;  ///< one call at a time on the connection
};

namespace journal {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// errc::journal_failed, with `why` in `detail` when given; false.
inline bool failed(error_code& ec, std::string* detail, const std::string& why) {
  ec = errc::journal_failed;
  if (detail != nullptr) *detail = why;
  return false;
}

}  // namespace journal
}  // namespace nes
