#pragma once
// `--tsa URL --tsa-customer N --tsa-ca FILE`: e-imza signatures time-stamped
// (CAdES-T) by a Kamu SM style service, the password from
// --tsa-password-file, $NES_TSA_PASSWORD or the terminal; with
// `--signer-ca FILE… [--ocsp URL]` also their validation data (CAdES-X-L),
// which the portal's profiles P3 and P4 require.

#include "apply_flow.hpp"

#include <nes/application_run.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <string>

namespace nes::cli {

/// Sets `run.timestamps` when --tsa is given, and the validation data's
/// transport and sources when --signer-ca is; false with `error` (for the
/// person, in the interface's language) when it cannot.
bool attach_timestamps(const ApplyOptions& options, const boost::asio::any_io_executor& executor,
                       ApplicationRunOptions& run, std::string& error);

}  // namespace nes::cli
