#pragma once
// One person's application carried from the e-Devlet login to its approval
// over a Journal (steps 4 to 12). Every step that changes state on the
// portal is recorded in the journal before it is sent and after it is
// answered, so a run killed at any point and started again continues where
// it stood. It never creates a second application for the same person and
// institution: the journal keeps one unfinished entry per person,
// institution and portal with the submission's idempotency key, and an
// application the portal already holds (duplicate_application) is continued.
//
// The caller supplies the sources (the password, the SMS code, the PIN, the
// approval route, the acknowledgement of the notices) and a progress sink;
// the run decides nothing a person must decide. It never resends an SMS
// code unless the code source asks for it, never retries a refused
// password or PIN, and asks for the password only for the entry's own
// person: what the PasswordSource gives is sent as that person's and for
// no one else.
//
//   auto run = nes::ApplicationRun::begin(client, journal, form, nes::ApprovalRoute::wet_signature,
//                                         std::move(options), ec, &detail);
//   auto [ec, outcome] = co_await run->async_run(asio::as_tuple(asio::use_awaitable));
//
// Thread safety: an ApplicationRun is a cheap handle; run one async_run of
// it at a time. Sources and the progress sink are called on the run's
// strand, one at a time.

#include <nes/application_info.hpp>
#include <nes/approver.hpp>
#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/institution.hpp>
#include <nes/journal.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/secret.hpp>
#include <nes/signer.hpp>
#include <nes/timestamp_client.hpp>
#include <nes/validation_data_signer.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace nes {

namespace detail {
class ApplicationRunImpl;
}  // namespace detail

/// Whose e-Devlet password a PasswordSource is asked for.
struct NES_EXPORT PasswordRequest {
  /// The person's T.C. Kimlik No, to choose their password (a file per
  /// person); never show it whole.
  SecretString tckn;
  std::string tckn_masked;  ///< "*********32", to show
  bool again = false;       ///< the session expired: a new login of the same person
};

/// Gives the password of the request's person: call `give` once, with the
/// password or an error (operation_aborted when there is none).
using PasswordSource =
    std::function<void(const PasswordRequest& request, std::function<void(error_code, SecretString)> give)>;

/// Asked once for each of the institution's notices before the first
/// submission: call `give` once, with true when the person acknowledges it.
using NoticeSource = std::function<void(const Institution& institution, const Notice& notice,
                                        std::function<void(error_code, bool)> give)>;

/// Asked before the submission to an institution that pays for its staff
/// (Kurum Ödemeli): call `give` once, with the access code the portal
/// e-mailed to the person's work address (Başvuru Formu Erişim Parolası), or
/// with an error to stop. Asked again by a later run that submits again: the
/// code is never written to the journal.
using AccessCodeSource =
    std::function<void(const Institution& institution, std::function<void(error_code, SecretString)> give)>;

/// Asked when the entry's route is ApprovalRoute::none, with the verified
/// application and its fee: call `give` once with the route, or with
/// ApprovalRoute::none to stop before the approval (a later run asks again).
using ApprovalRouteSource =
    std::function<void(const ApplicationInfo& application, std::function<void(error_code, ApprovalRoute)> give)>;

/// Where a run stands; each is reported to the progress sink as it happens.
/// The boundaries a crash test kills at are submitting, submit-answered,
/// submitted, verify-answered, verified, approving and approve-answered.
enum class RunStage {
  logged_in,            ///< step 4: `session` is the person
  continuing,           ///< the journal's application, read back: `application`
  institution,          ///< step 9: `institution`, from the catalogue
  notice_acknowledged,  ///< `notice` of `institution`
  submitting,           ///< recorded: the submission may reach the portal from now on
  submit_answered,      ///< the portal answered the submission; not recorded yet
  submitted,            ///< step 10, recorded: `application` has the id and the fee
  already_submitted,    ///< the portal holds one for this person and institution: continued
  otp_sent,             ///< step 11: `otp` (masked phone, seconds and tries left)
  otp_refused,          ///< a wrong code: `problem` (tries_left)
  otp_resent,           ///< a new code, as the code source asked: `otp`
  verify_answered,      ///< the portal answered the code; not recorded yet
  verified,             ///< recorded: `application` awaits its approval
  approving,            ///< recorded: the approval may reach the portal from now on
  approve_answered,     ///< the portal answered the approval; not recorded yet
  approved,             ///< step 12: `approval` (the PDF, or the signature)
  finished,             ///< recorded as finished: `application`
};

/// "logged-in", "submit-answered", …: stable names for logs and tests.
NES_EXPORT std::string_view to_string(RunStage stage) noexcept;

/// One report to the progress sink. The pointers that the stage names are
/// set; the rest are null. Valid only during the call.
struct NES_EXPORT RunProgress {
  /// What happened.
  RunStage stage;
  /// The journal entry as it stands.
  const JournalEntry& entry;
  /// logged_in: the person.
  const SessionInfo* session = nullptr;
  /// institution, notice_acknowledged: the institution.
  const Institution* institution = nullptr;
  /// notice_acknowledged: the notice.
  const Notice* notice = nullptr;
  /// continuing, submitted, already_submitted, verified, finished: the application.
  const ApplicationInfo* application = nullptr;
  /// otp_sent, otp_resent: the code's state.
  const OtpStatus* otp = nullptr;
  /// otp_refused: the refusal, with the tries left.
  const Problem* problem = nullptr;
  /// approved: the PDF or the signature.
  const Approval* approval = nullptr;
};

using RunProgressSink = std::function<void(const RunProgress& progress)>;

/// What an ApplicationRun asks the caller for, and where its outputs go.
struct NES_EXPORT ApplicationRunOptions {
  PasswordSource password;  ///< required
  /// Required until the code is verified. It may give asio::error::try_again
  /// to ask for a new code (Tekrar Gönder); after a wrong code it is asked
  /// again with the tries left, and may give operation_aborted to stop.
  OtpCodeSource otp_code;
  /// Required before the first submission when the institution has notices.
  NoticeSource acknowledge;
  /// Required before the first submission to an institution that pays.
  AccessCodeSource access_code;
  /// Required when the route is ApprovalRoute::none.
  ApprovalRouteSource approval_route;
  /// e-imza: the token and its PinSource (the PIN is never retried) …
  Pkcs11Options pkcs11;
  /// … or another Signer, used instead when set.
  std::shared_ptr<Signer> signer;
  /// e-imza: the time-stamp service. When set, each signature gets a
  /// signature-time-stamp (CAdES-T, TimestampingSigner), as the portal's
  /// profiles P2-P4 require; a time stamp costs one credit.
  std::optional<TimestampClient> timestamps;
  /// e-imza to P3 or P4: the transport that asks OCSP responders and fetches
  /// CRLs; when set, each signature gets its validation data
  /// (ValidationDataSigner, CAdES-X-L) from `validation_sources`. Signatures
  /// to BES or P2 are left as they are.
  std::shared_ptr<Transport> validation_transport;
  /// The CA certificates of the signer's and the TSA's paths, and the OCSP
  /// responder for certificates that name none (ValidationSources).
  ValidationSources validation_sources;
  /// Wet signature: the form's PDF goes to this file; empty, to
  /// `wet_directory`/APPLICATION-ID-basvuru-formu.pdf.
  std::filesystem::path wet_pdf;
  /// Wet signature: the folder of the PDF when `wet_pdf` is empty.
  std::filesystem::path wet_directory = ".";
  /// Wet signature: the TrueType font of the PDF.
  std::filesystem::path font = WetSignatureOptions::default_font;
  /// Told of every stage as it happens (optional).
  RunProgressSink progress;
  /// A session of the entry's person already open (a wizard's): used first,
  /// instead of a login.
  std::optional<Session> session;
  /// e-imza login (ESignLogin) with the run's signer (`signer`, else the
  /// token of `pkcs11`) instead of the password, which is then not needed:
  /// the PIN is asked for the login, and again for the approval. The portal
  /// refuses a form that is not the card holder's own (not_applicant).
  bool login_with_signature = false;
  /// A renewal (Application::renewal): the serial of the certificate it
  /// renews, recorded in a new journal entry; an entry continued keeps its
  /// own. Approved by e-imza with that certificate; person-paid route only.
  std::string renews;
};

/// What a finished run reached.
struct NES_EXPORT RunOutcome {
  JournalEntry entry;           ///< as recorded: finished
  ApplicationInfo application;  ///< the portal's last word on it
  /// When this run approved it: the PDF written, or the document and signature.
  std::optional<Approval> approval;
};

/// One person's application carried to its approval over a Journal, crash-safe (see the file's comment).
class NES_EXPORT ApplicationRun {
 public:
  /// The executor the run's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The application of `form` at `client`'s portal: the journal's
  /// unfinished entry of the same person and institution there when it has
  /// one (continued, with the form and route first recorded), else a new
  /// entry. Null, with ec and detail, when the journal cannot be written or
  /// an option is missing (errc::invalid_argument).
  static std::optional<ApplicationRun> begin(Client client, std::shared_ptr<Journal> journal,
                                             const ApplicationForm& form, ApprovalRoute route,
                                             ApplicationRunOptions options, error_code& ec,
                                             std::string* detail = nullptr);
  /// An entry the journal holds (Journal::entries), at `client`'s portal:
  /// errc::invalid_argument when the entry is another portal's, or its form
  /// cannot be read.
  static std::optional<ApplicationRun> resume(Client client, std::shared_ptr<Journal> journal, JournalEntry entry,
                                              ApplicationRunOptions options, error_code& ec,
                                              std::string* detail = nullptr);

  /// The client's executor.
  [[nodiscard]] executor_type get_executor() const;
  /// The entry as last recorded (its step, application id and note).
  [[nodiscard]] JournalEntry entry() const;
  /// True when begin() found the entry in the journal already.
  [[nodiscard]] bool continued() const noexcept;

  /// Carries the application from where the journal says it stands to its
  /// end. A refusal (a wrong password, a refused form, a wrong PIN)
  /// completes with its code and Problem, recorded in the entry's note; the
  /// entry stays unfinished and a later run continues it. Supports terminal
  /// cancellation.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_run(Token&& token = {}) const {
    return detail::initiate<RunOutcome>(std::forward<Token>(token),
                                        [impl = impl_](ResultHandler<RunOutcome> h) { run_impl(impl, std::move(h)); });
  }

 private:
  using Impl = std::shared_ptr<detail::ApplicationRunImpl>;
  explicit ApplicationRun(Impl impl) : impl_(std::move(impl)) {}
  static void run_impl(Impl impl, ResultHandler<RunOutcome> handler);
  Impl impl_;
};

}  // namespace nes
