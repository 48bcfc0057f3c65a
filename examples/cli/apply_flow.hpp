#pragma once
// What nes apply, nes resume and the wizard share around the SDK's
// nes::ApplicationRun: where the secrets come from (files, the environment,
// the terminal, --otp-command), the route and the token from the options,
// and one printer of the run's progress. The crash-safe algorithm itself is
// the library's.

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

namespace nes::cli {

struct ApplyOptions {
  std::string portal;         ///< https://host:port
  std::string ca_file;        ///< an extra CA (PEM) for the portal's certificate
  std::string journal;        ///< the journal file; empty: Journal::default_path()
  std::string password_file;  ///< else $NES_PASSWORD, else the terminal
  std::string otp_command;    ///< prints the SMS code; else the terminal
  std::string approve;        ///< "pkcs11" or "wet"
  // PKCS#11
  std::string module;
  std::string token_label;
  std::string token_serial;
  std::string certificate_id;
  std::string pin_file;  ///< else $NES_PIN, else the terminal
  // Outputs
  std::filesystem::path pdf;  ///< wet: where the form goes (default: APPLICATION-basvuru-formu.pdf)
  std::string font;
  std::string save_document;
  std::string save_signature;
  bool json = false;
};

/// What happened to one application.
struct ApplyResult {
  bool finished = false;  ///< approved (or already beyond approval)
  JournalEntry entry;
  std::string error;  ///< why not, when not
  std::string pdf;
  std::string postal_address;
  std::string fee_total;
};

/// The journal of `options` (--journal, else Journal::default_path()); null
/// after saying why on standard error, as "nes COMMAND: …".
std::shared_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command);

/// The SDK client's options for `portal`, trusting `ca_file` too when given.
ClientOptions client_options_for(const std::string& portal, const std::string& ca_file);

/// The route --approve names; ApprovalRoute::none for anything else.
ApprovalRoute route_named(const std::string& approve);

/// The run's sources and outputs from the command's options: the password
/// from --password-file, $NES_PASSWORD or the terminal; the SMS code from
/// --otp-command or the terminal; every notice acknowledged (nes apply
/// --form says so); --approve for a route not chosen yet; the token and its
/// PIN (--pin-file, $NES_PIN or the terminal); the PDF's path; and the
/// progress printed.
ApplicationRunOptions run_options(const ApplyOptions& options);

/// Runs `run` on `io` to its end, saves what --save-document and
/// --save-signature ask for, and says what it reached.
ApplyResult finish(boost::asio::io_context& io, const ApplicationRun& run, const ApplyOptions& options);

/// nes apply --form: the form's application, new or the journal's.
ApplyResult apply_form(const std::shared_ptr<Journal>& journal, const ApplicationForm& form,
                       const ApplyOptions& options);

/// nes resume: an entry of the journal, at its own portal.
ApplyResult continue_application(const std::shared_ptr<Journal>& journal, JournalEntry entry,
                                 const ApplyOptions& options);

}  // namespace nes::cli
