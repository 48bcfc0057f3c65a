#include "timestamp_option.hpp"

#include "language.hpp"
#include "secret_input.hpp"

#include <fstream>
#include <sstream>

namespace nes::cli {

bool attach_timestamps(const ApplyOptions& options, const boost::asio::any_io_executor& executor,
                       ApplicationRunOptions& run, std::string& error) {
  if (options.tsa.empty()) return true;
  std::ifstream ca(options.tsa_ca, std::ios::binary);
  std::ostringstream ca_text;
  ca_text << ca.rdbuf();
  if (options.tsa_ca.empty() || !ca || ca_text.str().empty()) {
    error = std::string(say("--tsa-ca okunamıyor: zaman damgası hizmetinin CA sertifikası (PEM) gerekli",
                            "--tsa-ca cannot be read: the time-stamp service's CA certificate (PEM) is needed"));
    return false;
  }
  auto password = read_secret(options.tsa_password_file, "NES_TSA_PASSWORD",
                              std::string(say("Zaman damgası parolası (müşteri ", "Time-stamp password (customer ")) +
                                  std::to_string(options.tsa_customer) + "): ",
                              error);
  if (!password) return false;
  error_code ec;
  std::string detail;
  auto transport = make_https_transport(executor, client_options_for(options.tsa, options.ca_file), ec, &detail);
  if (!transport) {
    error = "--tsa: " + detail;
    return false;
  }
  TimestampService service(options.tsa, options.tsa_customer, std::move(*password));
  service.trust_anchors_pem = {ca_text.str()};
  run.timestamps.emplace(std::move(transport), std::move(service));
  return true;
}

}  // namespace nes::cli
