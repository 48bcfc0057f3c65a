#pragma once
// The journal: every application a program starts, recorded on disk
// (SQLite) before each step that changes state on the portal and updated
// after it, so that a program killed at any point can continue where it
// stood and never creates a second application for the same person and
// institution. It keeps the idempotency key under which the application is
// submitted: a submission repeated with it returns the one application.
//
// The file holds the forms (T.C. Kimlik No, name, address): it is created
// with mode 0600, and the forms are read into wiping memory.
//
// Thread safety: a Journal may be used from several threads (its calls are
// serialised); several processes may share the file (SQLite's locking, WAL).

#include <nes/application_form.hpp>
#include <nes/error.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

/// Where an application stands, as far as the journal knows.
enum class JournalStep {
  started,     ///< recorded; nothing sent yet
  submitting,  ///< the submission may have reached the portal
  submitted,   ///< the portal gave the application its id; the SMS code is due
  verified,    ///< the SMS code was accepted; approval is next
  approving,   ///< the approval may have reached the portal
  finished,    ///< nothing more to do here (approved, or given up)
};

NES_EXPORT std::string_view to_string(JournalStep step) noexcept;

/// One application as the journal records it.
struct NES_EXPORT JournalEntry {
  std::int64_t id = 0;  ///< the journal's own number; 0 before it is recorded
  std::string portal;   ///< the portal's URL
  /// The person's T.C. Kimlik No.
  std::string tckn;
  /// The institution applied to.
  std::string institution_id;
  std::string approval;    ///< how it is to be approved ("pkcs11", "wet")
  SecretString form_json;  ///< the form as submitted (the documented JSON)
  /// The key the submission goes under: a repeated submission makes one application.
  std::string idempotency_key;
  std::string application_id;  ///< the portal's, once known
  /// Where the application stands.
  JournalStep step = JournalStep::started;
  std::string portal_status;  ///< the last status the portal reported
  std::string note;           ///< the last error, or where the result went (a PDF)
  /// When the entry was last recorded.
  std::chrono::system_clock::time_point updated_at{};
  /// A renewal's: the serial of the certificate it renews; empty otherwise.
  std::string renews;
};

/// Where an officer's signature of the institution's list stands.
enum class ListSigningStep {
  started,   ///< recorded; a decision may have been asked for
  decided,   ///< the portal's decision is known (its id); not signed yet
  signing,   ///< the signature is recorded and may have reached the portal
  finished,  ///< accepted, or given up (the note says why)
};

/// "started", "decided", "signing", "finished".
NES_EXPORT std::string_view to_string(ListSigningStep step) noexcept;

/// One signature of an institution's list, as the journal records it.
struct NES_EXPORT ListSigningEntry {
  std::int64_t id = 0;  ///< the journal's own number; 0 before it is recorded
  std::string portal;   ///< the portal's URL
  /// The officer, as the session names them (the masked T.C. Kimlik No and the name).
  std::string officer;
  /// The institution whose list it is.
  std::string institution_id;
  /// The list's version the officer checked.
  std::string version;
  /// The rows left out, as the protocol's `excluded` (JSON).
  std::string excluded_json;
  std::string decision_id;  ///< the portal's, once known
  /// The CMS (DER), recorded before it is sent.
  std::string signature;
  /// Where it stands.
  ListSigningStep step = ListSigningStep::started;
  std::string note;  ///< the last error, or the outcome
  /// When the entry was last recorded.
  std::chrono::system_clock::time_point updated_at{};
};

/// The journal on disk (see the file's comment).
class NES_EXPORT Journal {
 public:
  /// Opens (creating it and its folder) the journal at `path`. Null with
  /// errc::journal_failed and a detail when it cannot.
  static std::unique_ptr<Journal> open(const std::filesystem::path& path, error_code& ec,
                                       std::string* detail = nullptr);
  /// $NES_JOURNAL, else $XDG_DATA_HOME/nes/journal.db, else
  /// ~/.local/share/nes/journal.db.
  static std::filesystem::path default_path();

  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();

  /// The unfinished entry of `proposed`'s person and institution at its
  /// portal, if there is one (to be continued), else `proposed` recorded
  /// as a new entry with a fresh idempotency key. `*existed` (when given)
  /// says which.
  std::optional<JournalEntry> begin(JournalEntry proposed, error_code& ec, bool* existed = nullptr);
  /// Writes the entry's step, application id, status, note and approval
  /// route; on disk (synchronous) when it returns true.
  bool record(JournalEntry& entry, error_code& ec);
  /// Every entry, or only the unfinished ones, oldest first.
  std::vector<JournalEntry> entries(bool unfinished_only, error_code& ec);
  /// The entry numbered `id`; nullopt with ec clear when there is none.
  std::optional<JournalEntry> find(std::int64_t id, error_code& ec);

  /// Replaces the form of an entry of which nothing stands on the portal
  /// (JournalStep::started: never sent, or refused): a field the portal
  /// refused, corrected. The form must be the same person's for the same
  /// institution; the idempotency key stays. errc::invalid_argument when
  /// the entry has moved on (the portal may hold its form) or the form is
  /// another person's or institution's; `entry` is updated on success.
  bool amend_form(JournalEntry& entry, const ApplicationForm& form, error_code& ec);
  /// The unfinished list signature of `proposed`'s officer and institution
  /// at its portal, if there is one (to be continued), else `proposed`
  /// recorded as a new entry. `*existed` (when given) says which.
  std::optional<ListSigningEntry> begin(ListSigningEntry proposed, error_code& ec, bool* existed = nullptr);
  /// Writes the entry's step, decision id, signature and note; on disk
  /// (synchronous) when it returns true.
  bool record(ListSigningEntry& entry, error_code& ec);
  /// Every list signature, or only the unfinished ones, oldest first.
  std::vector<ListSigningEntry> list_signings(bool unfinished_only, error_code& ec);

  /// Drops an entry that holds nothing on the portal: one never sent or
  /// refused (JournalStep::started), or a finished one. errc::invalid_argument
  /// for an entry the portal may hold (cancel it there first).
  bool forget(std::int64_t id, error_code& ec);

 private:
  struct Database;  // the SQLite connection, in src/
  explicit Journal(std::unique_ptr<Database> database);
  std::unique_ptr<Database> database_;
};

}  // namespace nes
