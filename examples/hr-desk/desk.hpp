#pragma once
// The HR desk's pages and actions over the SDK: the officer's e-Devlet
// login, the staff list upload with its report by row (a refused row
// corrected and sent again), the institution's requests and applications,
// and the list checked and signed with the token attached to this machine.

#include "form_body.hpp"
#include "page.hpp"

#include <nes/client.hpp>
#include <nes/journal.hpp>
#include <nes/officer.hpp>
#include <nes/signer.hpp>
#include <nes/timestamp_client.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace nes::hr_desk {

/// What the desk works with: the portal, the institution, the journal, the
/// token the list is signed with, and the time stamps when the portal's
/// profile needs them.
struct DeskOptions {
  std::string portal;
  std::string ca_file;
  std::string institution;
  std::string journal;  ///< empty: Journal::default_path()
  std::string module;
  std::string token_label;
  std::string certificate_id;
  std::string tsa;  ///< the time-stamp service's URL; empty: none
  std::uint64_t tsa_customer = 0;
  std::string tsa_ca;  ///< its CA (PEM file)
  SecretString tsa_password;
};

/// One answer: a status, a content type and a body, or a redirect.
struct Reply {
  int status = 200;
  std::string body;
  std::string location;  ///< set: 303 See Other to it
};

class Desk {
 public:
  /// Null, with `detail`, when the client, the journal or the time stamps
  /// cannot be set up.
  static std::unique_ptr<Desk> create(DeskOptions options, std::string token, std::string& detail);

  /// Answers one request: `method`, `path` and the fields of its query and
  /// body (the token already checked).
  Reply handle(std::string_view method, std::string_view path, FormFields& fields);

 private:
  PageContext context(const FormFields& fields) const;
  Reply login_page(const PageContext& c, const std::string& message = {});
  Reply log_in(const PageContext& c, FormFields& fields);
  Reply upload_page(const PageContext& c);
  Reply upload(const PageContext& c, FormFields& fields);
  Reply send_one_row(const PageContext& c, FormFields& fields);
  Reply applications(const PageContext& c);
  Reply list(const PageContext& c, const std::string& message = {});
  Reply sign(const PageContext& c, FormFields& fields);
  Reply refusal(const PageContext& c, std::string_view title, const error_code& ec, const Problem* problem);

  // Runs one SDK operation on the desk's io_context to its end.
  template <class T, class Start>
  std::pair<error_code, Result<T>> run(Start start);

  Desk(DeskOptions options, std::string token) : options_(std::move(options)), token_(std::move(token)) {}
  std::shared_ptr<Signer> signer(SecretString pin, std::string& detail);

  boost::asio::io_context io_;
  DeskOptions options_;
  std::string token_;
  std::optional<Client> client_;
  std::shared_ptr<Journal> journal_;
  std::optional<TimestampClient> timestamps_;
  std::optional<Session> session_;
};

}  // namespace nes::hr_desk
