#pragma once
// A person's e-Devlet login for the commands that are not a run (nes officer,
// nes certificates): the T.C. Kimlik No from --tckn, $NES_TCKN or the
// terminal; the password from --password-file, $NES_PASSWORD or the
// terminal, for that person only; a refused password file remembered, as nes
// apply does.

#include "apply_flow.hpp"

#include <nes/client.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/program_options/options_description.hpp>

#include <optional>
#include <string>

namespace nes::cli {

struct PersonLogin {
  std::string tckn_option{};  ///< --tckn; wiped once read
  bool officer = false;       ///< the institution's officer: the prompts say so
};

/// --portal, --ca-file, --tckn, --password-file, --journal, --json and --help.
void add_login_options(boost::program_options::options_description& d, ApplyOptions& options, PersonLogin& login);

/// A logged-in session, or the exit status after saying why.
struct PersonSession {
  std::optional<Session> session;
  int status = 0;
  explicit operator bool() const noexcept { return session.has_value(); }
};

PersonSession person_session(boost::asio::io_context& io, const ApplyOptions& options, PersonLogin& login,
                             const std::string& command);

}  // namespace nes::cli
