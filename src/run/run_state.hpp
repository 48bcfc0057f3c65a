#pragma once
// The state behind an ApplicationRun handle: the client, the journal and its
// entry, the caller's sources, and the small helpers the algorithm in
// application_run.cpp is written with (record a step, report progress, fail
// with a note in the journal, ask a source).

#include "op/ask_caller.hpp"
#include "op/launch.hpp"

#include <nes/application_run.hpp>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace nes::detail {

/// The pointers a progress report carries besides its stage and entry.
struct RunDetails {
  const SessionInfo* session = nullptr;
  const Institution* institution = nullptr;
  const Notice* notice = nullptr;
  const ApplicationInfo* application = nullptr;
  const OtpStatus* otp = nullptr;
  const Problem* problem = nullptr;
  const Approval* approval = nullptr;
};

/// False, with errc::invalid_argument and why, when a run cannot start.
bool usable(const std::shared_ptr<Journal>& journal, const ApplicationRunOptions& options, error_code& ec,
            std::string* detail);

class ApplicationRunImpl : public std::enable_shared_from_this<ApplicationRunImpl> {
 public:
  /// Null with errc::invalid_argument when the entry is another portal's
  /// than the client's, or its form cannot be read.
  static std::shared_ptr<ApplicationRunImpl> make(Client client, std::shared_ptr<Journal> journal, JournalEntry entry,
                                                  ApplicationRunOptions options, error_code& ec, std::string* detail);
  ApplicationRunImpl(Client client, std::shared_ptr<Journal> journal, JournalEntry entry, ApplicationForm form,
                     ApplicationRunOptions options);

  [[nodiscard]] boost::asio::any_io_executor executor() const { return client_.get_executor(); }
  [[nodiscard]] JournalEntry entry() const;
  [[nodiscard]] bool continued() const noexcept { return continued_; }
  void set_continued(bool continued) noexcept { continued_ = continued; }

  boost::asio::awaitable<op::Outcome<RunOutcome>> run();

 private:
  boost::asio::awaitable<op::Outcome<Session>> open_session();
  // The signer of `signer`, else the token of `pkcs11` whose PIN requests say
  // `purpose`: for the e-imza login and the approval.
  boost::asio::awaitable<op::Outcome<std::shared_ptr<Signer>>> base_signer(PinPurpose purpose);
  boost::asio::awaitable<std::pair<error_code, SecretString>> ask_password(bool again);
  void log_in_again_when_expired(Session& session);
  boost::asio::awaitable<op::Outcome<Application>> submit_or_attach(const Session& session);
  boost::asio::awaitable<op::Outcome<ApplicationInfo>> verify(const Application& application);
  boost::asio::awaitable<op::Outcome<Approval>> approve(const Application& application, const ApplicationInfo& info);

  boost::asio::awaitable<std::pair<error_code, bool>> acknowledge(const Institution& institution, const Notice& notice);
  boost::asio::awaitable<std::pair<error_code, SecretString>> ask_access_code(const Institution& institution);
  boost::asio::awaitable<std::pair<error_code, ApprovalRoute>> choose_route(const ApplicationInfo& info);

  /// Changes the entry under the lock (not yet on disk).
  template <class Change>
  void update(Change change) {
    const std::lock_guard lock(mutex_);
    change(entry_);
  }
  /// Writes the step (and the status and id when given) to the journal; the
  /// journal's error when it cannot, which also ends the run.
  std::optional<error_code> record(JournalStep step, const std::string& status = {},
                                   const std::string& application_id = {});
  void report(RunStage stage, const RunDetails& details = {});
  /// Notes why the run stopped in the journal entry, and makes it the
  /// outcome: `ec` with the problem when there is one.
  template <class T>
  op::Outcome<T> fail(const std::string& what, error_code ec, const Problem* problem = nullptr,
                      const std::string& detail = {}) {
    note_failure(what, ec, problem, detail);
    if (problem != nullptr) return op::refused<T>(ec, *problem);
    return op::failed<T>(ec);
  }
  void note_failure(const std::string& what, const error_code& ec, const Problem* problem, const std::string& detail);
  /// What the password source is told: the entry's person.
  [[nodiscard]] PasswordRequest password_request(bool again) const;

  Client client_;
  std::shared_ptr<Journal> journal_;
  ApplicationForm form_;
  SecretString tckn_;  ///< the entry's person: every password is sent as theirs
  ApplicationRunOptions options_;
  bool continued_ = false;
  mutable std::mutex mutex_;
  JournalEntry entry_;
};

}  // namespace nes::detail
