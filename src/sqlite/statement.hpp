#pragma once
// A prepared SQLite statement that finalises itself, and a transaction.
// Errors throw: a failing statement on one's own database is a bug or a
// broken disk, and the callers (the portal's store, the journal) turn the
// exception into their own error at their boundary.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nes::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::string_view text) {
    // A default string_view has a null data(), which SQLite would bind as
    // NULL; an empty string is what is meant.
    sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "", static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void bind_null(int index) { sqlite3_bind_null(stmt_, index); }
  void bind_optional(int index, const std::optional<std::string>& text) {
    if (text) {
      bind(index, std::string_view(*text));
    } else {
      bind_null(index);
    }
  }

  /// True while there is a row; false when done.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail();
    return false;
  }
  /// Runs a statement that returns no rows.
  void run() { (void)step(); }

  [[nodiscard]] std::string text(int index) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
  }
  [[nodiscard]] bool is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }
  [[nodiscard]] std::optional<std::string> optional_text(int index) const {
    if (is_null(index)) return std::nullopt;
    return text(index);
  }
  [[nodiscard]] std::int64_t integer(int index) const { return sqlite3_column_int64(stmt_, index); }
  [[nodiscard]] std::optional<std::int64_t> optional_integer(int index) const {
    if (is_null(index)) return std::nullopt;
    return integer(index);
  }

  [[nodiscard]] sqlite3_stmt* get() const noexcept { return stmt_; }

 private:
  [[noreturn]] void fail() const { throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_)); }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT, rolled back when the scope is left by an exception.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    exec("COMMIT");
    done_ = true;
  }

 private:
  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
  }
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace nes::sqlite
