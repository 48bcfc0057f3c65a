#pragma once
// What nes apply, nes resume and the wizard share around the SDK's
// nes::ApplicationRun: where the secrets come from (files, the environment,
// the terminal, --otp-command), the route and the token from the options,
// and one printer of the run's progress. The crash-safe algorithm itself is
// the library's.

#include "language.hpp"
#include "refused_files.hpp"

#include <nes/application_info.hpp>
#include <nes/application_run.hpp>
#include <nes/client_options.hpp>
#include <nes/journal.hpp>
#include <nes/otp_verifier.hpp>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nes::cli {

struct ApplyOptions {
  std::string portal;            ///< https://host:port
  std::string ca_file;           ///< an extra CA (PEM) for the portal's certificate
  std::string journal;           ///< the journal file; empty: Journal::default_path()
  std::string password_file;     ///< one person's: else $NES_PASSWORD, else the terminal
  std::string password_dir;      ///< a file per person, named by the T.C. Kimlik No
  std::string otp_command;       ///< prints the SMS code; else the terminal
  std::string access_code_file;  ///< institution-paid: the e-mailed access code; else $NES_ACCESS_CODE, the terminal
  std::string approve;           ///< "pkcs11" or "wet"
  std::string renews;            ///< nes renew: the serial of the certificate renewed
  bool esign_login = false;      ///< log in with the card (e-imza) instead of the password
  // PKCS#11
  std::string module;
  std::string token_label;
  std::string token_serial;
  std::string certificate_id;
  bool accept_test_certificate = false;  ///< sign also with a certificate that is not a qualified NES
  std::string pin_file;                  ///< else $NES_PIN, else the terminal
  // Time stamps (CAdES-T)
  std::string tsa;                 ///< the time-stamp service's URL; empty: none
  std::uint64_t tsa_customer = 0;  ///< the customer number
  std::string tsa_password_file;   ///< else $NES_TSA_PASSWORD, else the terminal
  std::string tsa_ca;              ///< the TSA's CA (PEM)
  // Validation data (CAdES-X-L, P3/P4)
  std::vector<std::string> signer_ca;  ///< the CA certificates (PEM) of the signer's path; empty: none
  std::string ocsp;                    ///< the OCSP responder for certificates that name none
  // Outputs
  std::filesystem::path pdf;  ///< wet: where the form goes (default: APPLICATION-basvuru-formu.pdf)
  std::string font;
  std::string save_document;
  std::string save_signature;
  bool json = false;
};

/// The secret files a run was given, to remember them when refused.
struct SecretsGiven {
  std::string password_file;  ///< the password's, when it came from a file
  std::string pin_file;       ///< the PIN's, when it came from a file
  bool pin_from_environment = false;
  bool pin_refused = false;  ///< $NES_PIN was refused in this process: not given again
  bool logged_in = false;    ///< this run's password was accepted
  bool signed_in = false;    ///< this run's PIN was accepted (a signature made)
};

/// What happened to one application.
struct ApplyResult {
  bool finished = false;  ///< approved (or already beyond approval)
  JournalEntry entry;
  error_code ec;                   ///< why not, when not
  std::optional<Problem> problem;  ///< the refusal, when there is one
  std::string error;               ///< why not, in the interface's language
  std::string status_text;         ///< the portal's last status, as a person reads it
  std::string pdf;
  std::string postal_address;
  std::string fee_total;                        ///< "1.234,56 TL"
  std::optional<std::int64_t> fee_total_kurus;  ///< the same in kuruş, for programs
};

/// The journal's path: --journal, else Journal::default_path().
std::filesystem::path journal_path(const ApplyOptions& options);

/// The journal of `options`; null after saying why on standard error, as
/// "nes COMMAND: …".
std::shared_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command);

/// The file that holds `tckn`'s password: --password-dir/TCKN, else
/// --password-file; empty for $NES_PASSWORD or the terminal.
std::string password_file_for(const ApplyOptions& options, std::string_view tckn);

/// Why the password options cannot serve `people` people (one password, from
/// --password-file or $NES_PASSWORD, for several of them), or nullopt.
std::optional<Sentence> password_misuse(const ApplyOptions& options, std::size_t people);

/// The SDK client's options for `portal`, trusting `ca_file` too when given,
/// with the log --verbose or --log-level asked for.
ClientOptions client_options_for(const std::string& portal, const std::string& ca_file);

/// The route --approve names; ApprovalRoute::none for anything else.
ApprovalRoute route_named(const std::string& approve);

/// The run's sources and outputs from the command's options: the password
/// from --password-file, $NES_PASSWORD or the terminal; the SMS code from
/// --otp-command or the terminal; every notice acknowledged (nes apply
/// --form says so); --approve for a route not chosen yet; the token and its
/// PIN (--pin-file, $NES_PIN or the terminal); the PDF's path; and the
/// progress printed.
/// `given` learns which files the secrets came from, and a refused file
/// (RefusedFiles) or a refused $NES_PIN is not given again.
ApplicationRunOptions run_options(const ApplyOptions& options, const std::shared_ptr<SecretsGiven>& given);

/// Runs `run` on `io` to its end, saves what --save-document and
/// --save-signature ask for (mode 0600), remembers a refused secret file and
/// forgets an accepted one, and says what it reached.
ApplyResult finish(boost::asio::io_context& io, const ApplicationRun& run, const ApplyOptions& options,
                   const std::shared_ptr<SecretsGiven>& given);

/// nes apply --form: the form's application, new or the journal's.
ApplyResult apply_form(const std::shared_ptr<Journal>& journal, const ApplicationForm& form,
                       const ApplyOptions& options);

/// nes resume: an entry of the journal, at its own portal.
ApplyResult continue_application(const std::shared_ptr<Journal>& journal, JournalEntry entry,
                                 const ApplyOptions& options, const std::shared_ptr<SecretsGiven>& given);

}  // namespace nes::cli
