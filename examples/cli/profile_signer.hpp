#pragma once
// The person's token from the options (--module, --token-label, --pin-file
// …), wrapped as the portal's signature profile needs it: time-stamped with
// --tsa (CAdES-T), with validation data with --signer-ca (CAdES-X-L). For
// the signatures a command makes itself (an officer's list, E-Onay).

#include "apply_flow.hpp"

#include <nes/signer.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace nes::cli {

/// The signer; null after saying why as "nes COMMAND: …".
std::shared_ptr<Signer> make_signer(const ApplyOptions& options, const boost::asio::any_io_executor& executor,
                                    const std::string& command);

}  // namespace nes::cli
