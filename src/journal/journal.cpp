#include "crypto/random_token.hpp"
#include "journal/journal_database.hpp"
#include "sqlite/statement.hpp"

#include <nes/form_json.hpp>
#include <nes/journal.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>

namespace nes {

namespace {

using sqlite::Statement;
using sqlite::Transaction;
using Clock = std::chrono::system_clock;

constexpr const char* schema = R"sql(
  CREATE TABLE IF NOT EXISTS applications (
    id INTEGER PRIMARY KEY,
    portal TEXT NOT NULL,
    tckn TEXT NOT NULL,
    institution_id TEXT NOT NULL,
    approval TEXT NOT NULL,
    form_json TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    application_id TEXT NOT NULL DEFAULT '',
    step TEXT NOT NULL,
    portal_status TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    renews TEXT NOT NULL DEFAULT ''
  );
  -- One unfinished application per person and institution at a portal.
  CREATE UNIQUE INDEX IF NOT EXISTS one_unfinished ON applications (portal, tckn, institution_id)
    WHERE step != 'finished';
  -- An institution officer's signatures of the institution's list; the CMS
  -- is recorded before it is sent, so that a run killed then sends the same
  -- bytes again (the portal accepts a signature once, and the same again).
  CREATE TABLE IF NOT EXISTS list_signatures (
    id INTEGER PRIMARY KEY,
    portal TEXT NOT NULL,
    officer TEXT NOT NULL,
    institution_id TEXT NOT NULL,
    version TEXT NOT NULL,
    excluded TEXT NOT NULL,
    decision_id TEXT NOT NULL DEFAULT '',
    signature BLOB,
    step TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS one_unfinished_list_signature ON list_signatures (portal, officer, institution_id)
    WHERE step != 'finished';
)sql";

constexpr std::array<std::string_view, 6> step_names{"started",  "submitting", "submitted",
                                                     "verified", "approving",  "finished"};

JournalStep step_from(std::string_view name) {
  for (std::size_t i = 0; i < step_names.size(); ++i) {
    if (step_names[i] == name) return static_cast<JournalStep>(i);
  }
  return JournalStep::started;
}

// A journal written before renewals has no `renews` column: added once.
bool add_renews_column(sqlite3* db, char** error) {
  bool present = false;
  try {
    Statement columns_of(db, "PRAGMA table_info(applications)");
    while (columns_of.step()) present = present || columns_of.text(1) == "renews";
  } catch (const std::exception&) {
    return false;
  }
  if (present) return true;
  return sqlite3_exec(db, "ALTER TABLE applications ADD COLUMN renews TEXT NOT NULL DEFAULT ''", nullptr, nullptr,
                      error) == SQLITE_OK;
}

using journal::failed;
using journal::now_ms;

constexpr const char* columns =
    "id, portal, tckn, institution_id, approval, form_json, idempotency_key, application_id, step, portal_status, "
    "note, updated_at_ms, renews";

JournalEntry read_entry(const Statement& s) {
  JournalEntry e;
  e.id = s.integer(0);
  e.portal = s.text(1);
  e.tckn = s.text(2);
  e.institution_id = s.text(3);
  e.approval = s.text(4);
  {
    std::string form = s.text(5);
    e.form_json = SecretString(form);
    secure_wipe(form.data(), form.size());
  }
  e.idempotency_key = s.text(6);
  e.application_id = s.text(7);
  e.step = step_from(s.text(8));
  e.portal_status = s.text(9);
  e.note = s.text(10);
  e.updated_at = Clock::time_point(std::chrono::milliseconds(s.integer(11)));
  e.renews = s.text(12);
  return e;
}

}  // namespace

Journal::Journal(std::unique_ptr<Database> database) : database_(std::move(database)) {}

Journal::~Journal() = default;

std::string_view to_string(JournalStep step) noexcept { return step_names.at(static_cast<std::size_t>(step)); }

std::filesystem::path Journal::default_path() {
  if (const char* explicit_path = std::getenv("NES_JOURNAL"); explicit_path != nullptr && *explicit_path != '\0') {
    return explicit_path;
  }
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0') {
    return std::filesystem::path(data) / "nes" / "journal.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "nes" / "journal.db";
}

std::unique_ptr<Journal> Journal::open(const std::filesystem::path& path, error_code& ec, std::string* detail) {
  std::error_code fs_error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), fs_error);
  // Created 0600 before SQLite opens it: the forms are personal data.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    failed(ec, detail, "cannot open " + path.string() + ": " + std::strerror(errno));
    return nullptr;
  }
  ::close(fd);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    failed(ec, detail, path.string() + ": " + (db != nullptr ? sqlite3_errmsg(db) : "cannot open"));
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<Journal> journal(new Journal(std::make_unique<Database>(db)));
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  // WAL and synchronous=FULL: a recorded step survives a kill and a power cut.
  // secure_delete: what is dropped (a security word, a forgotten entry) is
  // overwritten in the file, not left in a free page.
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;", nullptr, nullptr,
                   &error) != SQLITE_OK ||
      sqlite3_exec(db, schema, nullptr, nullptr, &error) != SQLITE_OK || !add_renews_column(db, &error)) {
    failed(ec, detail, path.string() + ": " + (error != nullptr ? error : "cannot create the tables"));
    sqlite3_free(error);
    return nullptr;
  }
  ec = {};
  return journal;
}

std::optional<JournalEntry> Journal::begin(JournalEntry proposed, error_code& ec, bool* existed) {
  const std::lock_guard lock(database_->mutex);
  try {
    Transaction transaction(database_->handle);
    Statement find(database_->handle,
                   std::string("SELECT ") + columns +
                       " FROM applications WHERE portal = ? AND tckn = ? AND institution_id = ? AND step != "
                       "'finished'");
    find.bind(1, proposed.portal);
    find.bind(2, proposed.tckn);
    find.bind(3, proposed.institution_id);
    if (find.step()) {
      auto existing = read_entry(find);
      transaction.commit();
      ec = {};
      if (existed != nullptr) *existed = true;
      return existing;
    }
    // The same kind of key the SDK makes for an Application without a journal.
    proposed.idempotency_key = std::string(crypto::random_token(24).reveal());
    proposed.step = JournalStep::started;
    const auto now = now_ms();
    Statement insert(database_->handle,
                     "INSERT INTO applications (portal, tckn, institution_id, approval, form_json, idempotency_key, "
                     "step, created_at_ms, updated_at_ms, renews) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, proposed.portal);
    insert.bind(2, proposed.tckn);
    insert.bind(3, proposed.institution_id);
    insert.bind(4, proposed.approval);
    insert.bind(5, proposed.form_json.reveal());
    insert.bind(6, proposed.idempotency_key);
    insert.bind(7, to_string(proposed.step));
    insert.bind(8, now);
    insert.bind(9, now);
    insert.bind(10, proposed.renews);
    insert.run();
    proposed.id = sqlite3_last_insert_rowid(database_->handle);
    proposed.updated_at = Clock::time_point(std::chrono::milliseconds(now));
    transaction.commit();
    ec = {};
    if (existed != nullptr) *existed = false;
    return proposed;
  } catch (const std::exception& e) {
    failed(ec, nullptr, e.what());
    return std::nullopt;
  }
}

namespace {

// The form without its security word once the portal holds it (from
// JournalStep::submitted on): the word served only to send the form, and a
// secret is kept no longer than it is needed. nullopt when there is none.
std::optional<SecretString> without_security_word(const JournalEntry& entry) {
  if (entry.step == JournalStep::started || entry.step == JournalStep::submitting) return std::nullopt;
  if (entry.form_json.reveal().find("\"security_word\"") == std::string_view::npos) return std::nullopt;
  auto decoded = decode_form_json(entry.form_json.reveal());
  if (!decoded.form || !decoded.form->certificate.security_word) return std::nullopt;
  decoded.form->certificate.security_word.reset();
  return encode_form_json(*decoded.form);
}

}  // namespace

bool Journal::record(JournalEntry& entry, error_code& ec) {
  auto forgotten = without_security_word(entry);
  const std::lock_guard lock(database_->mutex);
  try {
    const auto now = now_ms();
    Statement update(database_->handle,
                     "UPDATE applications SET application_id = ?, step = ?, portal_status = ?, note = ?, "
                     "updated_at_ms = ?, approval = ?, form_json = COALESCE(?, form_json) WHERE id = ?");
    update.bind(1, entry.application_id);
    update.bind(2, to_string(entry.step));
    update.bind(3, entry.portal_status);
    update.bind(4, entry.note);
    update.bind(5, now);
    update.bind(6, entry.approval);
    if (forgotten) {
      update.bind(7, forgotten->reveal());
    } else {
      update.bind_null(7);
    }
    update.bind(8, entry.id);
    update.run();
    if (sqlite3_changes(database_->handle) != 1)
      return failed(ec, nullptr, "no journal entry " + std::to_string(entry.id));
    if (forgotten) entry.form_json = std::move(*forgotten);
    entry.updated_at = Clock::time_point(std::chrono::milliseconds(now));
    ec = {};
    return true;
  } catch (const std::exception& e) {
    return failed(ec, nullptr, e.what());
  }
}

std::vector<JournalEntry> Journal::entries(bool unfinished_only, error_code& ec) {
  std::vector<JournalEntry> out;
  const std::lock_guard lock(database_->mutex);
  try {
    Statement select(database_->handle, std::string("SELECT ") + columns + " FROM applications" +
                                            (unfinished_only ? " WHERE step != 'finished'" : "") + " ORDER BY id");
    while (select.step()) out.push_back(read_entry(select));
    ec = {};
  } catch (const std::exception& e) {
    failed(ec, nullptr, e.what());
  }
  return out;
}

std::optional<JournalEntry> Journal::find(std::int64_t id, error_code& ec) {
  const std::lock_guard lock(database_->mutex);
  try {
    Statement select(database_->handle, std::string("SELECT ") + columns + " FROM applications WHERE id = ?");
    select.bind(1, id);
    ec = {};
    if (select.step()) return read_entry(select);
  } catch (const std::exception& e) {
    failed(ec, nullptr, e.what());
  }
  return std::nullopt;
}

bool Journal::amend_form(JournalEntry& entry, const ApplicationForm& form, error_code& ec) {
  if (form.identity.tckn.reveal() != entry.tckn || form.institution.id != entry.institution_id) {
    ec = errc::invalid_argument;
    return false;
  }
  SecretString form_json = encode_form_json(form);
  const std::lock_guard lock(database_->mutex);
  try {
    // The step is checked in the same statement: another process may have
    // sent the form meanwhile.
    const auto now = now_ms();
    Statement update(database_->handle,
                     "UPDATE applications SET form_json = ?, note = '', updated_at_ms = ? WHERE id = ? AND step = ?");
    update.bind(1, form_json.reveal());
    update.bind(2, now);
    update.bind(3, entry.id);
    update.bind(4, to_string(JournalStep::started));
    update.run();
    if (sqlite3_changes(database_->handle) != 1) {
      ec = errc::invalid_argument;
      return false;
    }
    entry.form_json = std::move(form_json);
    entry.note.clear();
    entry.updated_at = Clock::time_point(std::chrono::milliseconds(now));
    ec = {};
    return true;
  } catch (const std::exception& e) {
    return failed(ec, nullptr, e.what());
  }
}

bool Journal::forget(std::int64_t id, error_code& ec) {
  const std::lock_guard lock(database_->mutex);
  try {
    Statement remove(database_->handle, "DELETE FROM applications WHERE id = ? AND step IN (?, ?)");
    remove.bind(1, id);
    remove.bind(2, to_string(JournalStep::started));
    remove.bind(3, to_string(JournalStep::finished));
    remove.run();
    if (sqlite3_changes(database_->handle) != 1) {
      ec = errc::invalid_argument;
      return false;
    }
    ec = {};
    return true;
  } catch (const std::exception& e) {
    return failed(ec, nullptr, e.what());
  }
}

}  // namespace nes
