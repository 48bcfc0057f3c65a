#pragma once
// One operation against the portal from a command that is not a run: the
// client for --portal and --ca-file, the operation run on its io_context to
// its end, and a failure said as the command's (text or --json).

#include "apply_flow.hpp"

#include <nes/client.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>
#include <string>
#include <utility>

namespace nes::cli {

/// Runs one operation of a client made on `io` to its end.
template <class T, class Start>
std::pair<error_code, Result<T>> run_on(boost::asio::io_context& io, Start start) {
  std::pair<error_code, Result<T>> out{boost::asio::error::operation_aborted, {}};
  start([&out](error_code ec, Result<T> result) { out = {ec, std::move(result)}; });
  io.restart();
  io.run();
  return out;
}

/// A failure of one operation at `options.portal`: the refusal as JSON, or
/// its sentence on standard error; the exit status it means.
int failed(const std::string& command, const error_code& ec, const Problem* problem, const ApplyOptions& options);

/// The client for `options.portal`; nullopt after saying why.
std::optional<Client> client_for(boost::asio::io_context& io, const ApplyOptions& options, const std::string& command);

}  // namespace nes::cli
