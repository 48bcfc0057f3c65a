#include "profile_signer.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "timestamp_option.hpp"

#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>
#include <nes/validation_data_signer.hpp>

namespace nes::cli {

std::shared_ptr<Signer> make_signer(const ApplyOptions& options, const boost::asio::any_io_executor& executor,
                                    const std::string& command) {
  auto with = run_options(options, std::make_shared<SecretsGiven>());
  std::string error;
  if (!attach_timestamps(options, executor, with, error)) {
    usage_error(command, "zaman damgası ya da doğrulama verisi seçenekleri kullanılamıyor",
                "the time-stamp or validation data options cannot be used", options.json, error);
    return nullptr;
  }
  error_code ec;
  std::string detail;
  std::shared_ptr<Signer> signer = Pkcs11Signer::create(executor, with.pkcs11, ec, &detail);
  if (!signer) {
    usage_error(command, "e-imza aracı açılamadı", "the e-imza token cannot be opened", options.json, detail);
    return nullptr;
  }
  if (with.timestamps) signer = std::make_shared<TimestampingSigner>(std::move(signer), *with.timestamps);
  if (with.validation_transport) {
    signer =
        std::make_shared<ValidationDataSigner>(std::move(signer), with.validation_transport, with.validation_sources);
  }
  return signer;
}

}  // namespace nes::cli
