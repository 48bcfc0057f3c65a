#pragma once
// The officer's e-Devlet login for nes officer: the T.C. Kimlik No from
// --tckn, $NES_TCKN or the terminal; the password from --password-file,
// $NES_PASSWORD or the terminal, for that person only; a refused password
// file remembered, as nes apply does.

#include "apply_flow.hpp"

#include <nes/client.hpp>

#include <boost/asio/io_context.hpp>

#include <optional>
#include <string>

namespace nes::cli {

struct OfficerLogin {
  std::string tckn_option;  ///< --tckn; wiped once read
};

/// A logged-in session, or the exit status after saying why.
struct OfficerSession {
  std::optional<Session> session;
  int status = 0;
  explicit operator bool() const noexcept { return session.has_value(); }
};

OfficerSession officer_session(boost::asio::io_context& io, const ApplyOptions& options, OfficerLogin& login,
                               const std::string& command);

}  // namespace nes::cli
