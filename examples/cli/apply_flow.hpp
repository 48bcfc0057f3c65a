#pragma once
// One application carried from wherever the journal says it stands to its
// end: login, submission under the journal's key, the SMS code, approval.
// The journal is written before each step that changes state on the portal
// and after it, so that a run killed anywhere continues where it stood.

#include <nes/application_info.hpp>
#include <nes/client_options.hpp>
#include <nes/journal.hpp>
#include <nes/otp_verifier.hpp>

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
  // The interactive wizard's own sources; unset, the options above apply.
  std::optional<SecretString> password;  ///< already asked for
  OtpCodeSource otp_source;              ///< gives the code; asio::error::try_again asks for a new one
  /// Asked before approval, with the fee: "pkcs11", "wet", or "" to stop there.
  std::function<std::string(const ApplicationInfo&)> choose_approval;
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
std::unique_ptr<Journal> open_journal(const ApplyOptions& options, const std::string& command);

/// The SDK client's options for `portal`, trusting `ca_file` too when given.
ClientOptions client_options_for(const std::string& portal, const std::string& ca_file);

/// Continues `entry` (from Journal::begin or the unfinished entries).
ApplyResult continue_application(Journal& journal, JournalEntry entry, const ApplyOptions& options);

}  // namespace nes::cli
