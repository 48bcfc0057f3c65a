// The journal's record of institution officers' list signatures
// (ListSigner): one unfinished signature per officer and institution at a
// portal, its CMS recorded before it is sent.

#include "journal/journal_database.hpp"
#include "sqlite/statement.hpp"

#include <array>

namespace nes {

namespace {

using sqlite::Statement;
using sqlite::Transaction;
using Clock = std::chrono::system_clock;

constexpr std::array<std::string_view, 4> step_names{"started", "decided", "signing", "finished"};

ListSigningStep step_from(std::string_view name) {
  for (std::size_t i = 0; i < step_names.size(); ++i) {
    if (step_names[i] == name) return static_cast<ListSigningStep>(i);
  }
  return ListSigningStep::started;
}

constexpr const char* columns =
    "id, portal, officer, institution_id, version, excluded, decision_id, signature, step, note, updated_at_ms";

ListSigningEntry read_entry(const Statement& s) {
  ListSigningEntry e;
  e.id = s.integer(0);
  e.portal = s.text(1);
  e.officer = s.text(2);
  e.institution_id = s.text(3);
  e.version = s.text(4);
  e.excluded_json = s.text(5);
  e.decision_id = s.text(6);
  e.signature = s.text(7);
  e.step = step_from(s.text(8));
  e.note = s.text(9);
  e.updated_at = Clock::time_point(std::chrono::milliseconds(s.integer(10)));
  return e;
}

}  // namespace

std::string_view to_string(ListSigningStep step) noexcept { return step_names.at(static_cast<std::size_t>(step)); }

std::optional<ListSigningEntry> Journal::begin(ListSigningEntry proposed, error_code& ec, bool* existed) {
  const std::lock_guard lock(database_->mutex);
  try {
    Transaction transaction(database_->handle);
    Statement find(database_->handle, std::string("SELECT ") + columns +
                                          " FROM list_signatures WHERE portal = ? AND officer = ? AND "
                                          "institution_id = ? AND step != 'finished'");
    find.bind(1, proposed.portal);
    find.bind(2, proposed.officer);
    find.bind(3, proposed.institution_id);
    if (find.step()) {
      auto existing = read_entry(find);
      transaction.commit();
      ec = {};
      if (existed != nullptr) *existed = true;
      return existing;
    }
    proposed.step = ListSigningStep::started;
    const auto now = journal::now_ms();
    Statement insert(database_->handle,
                     "INSERT INTO list_signatures (portal, officer, institution_id, version, excluded, step, "
                     "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, proposed.portal);
    insert.bind(2, proposed.officer);
    insert.bind(3, proposed.institution_id);
    insert.bind(4, proposed.version);
    insert.bind(5, proposed.excluded_json);
    insert.bind(6, to_string(proposed.step));
    insert.bind(7, now);
    insert.bind(8, now);
    insert.run();
    proposed.id = sqlite3_last_insert_rowid(database_->handle);
    proposed.updated_at = Clock::time_point(std::chrono::milliseconds(now));
    transaction.commit();
    ec = {};
    if (existed != nullptr) *existed = false;
    return proposed;
  } catch (const std::exception& e) {
    journal::failed(ec, nullptr, e.what());
    return std::nullopt;
  }
}

bool Journal::record(ListSigningEntry& entry, error_code& ec) {
  const std::lock_guard lock(database_->mutex);
  try {
    const auto now = journal::now_ms();
    Statement update(database_->handle,
                     "UPDATE list_signatures SET version = ?, decision_id = ?, signature = ?, step = ?, note = ?, "
                     "updated_at_ms = ? WHERE id = ?");
    update.bind(1, entry.version);
    update.bind(2, entry.decision_id);
    if (entry.signature.empty()) {
      update.bind_null(3);
    } else {
      sqlite3_bind_blob(update.get(), 3, entry.signature.data(), static_cast<int>(entry.signature.size()),
                        SQLITE_TRANSIENT);
    }
    update.bind(4, to_string(entry.step));
    update.bind(5, entry.note);
    update.bind(6, now);
    update.bind(7, entry.id);
    update.run();
    if (sqlite3_changes(database_->handle) != 1) {
      return journal::failed(ec, nullptr, "no list signature entry " + std::to_string(entry.id));
    }
    entry.updated_at = Clock::time_point(std::chrono::milliseconds(now));
    ec = {};
    return true;
  } catch (const std::exception& e) {
    return journal::failed(ec, nullptr, e.what());
  }
}

std::vector<ListSigningEntry> Journal::list_signings(bool unfinished_only, error_code& ec) {
  std::vector<ListSigningEntry> out;
  const std::lock_guard lock(database_->mutex);
  try {
    Statement select(database_->handle, std::string("SELECT ") + columns + " FROM list_signatures" +
                                            (unfinished_only ? " WHERE step != 'finished'" : "") + " ORDER BY id");
    while (select.step()) out.push_back(read_entry(select));
    ec = {};
  } catch (const std::exception& e) {
    journal::failed(ec, nullptr, e.what());
  }
  return out;
}

}  // namespace nes
