#include "timestamp_option.hpp"

#include "input_file.hpp"
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
  run.timestamps.emplace(transport, std::move(service));
  if (options.signer_ca.empty()) return true;
  // P3/P4: the OCSP answers and CRLs come over the same transport; the TSA's
  // CA completes the time stamp's path.
  for (const auto& file : options.signer_ca) {
    auto pem = read_input_file(file, error);
    if (!pem) {
      error = "--signer-ca: " + error;
      return false;
    }
    run.validation_sources.ca_certificates_pem.emplace_back(pem->reveal());
  }
  run.validation_sources.ca_certificates_pem.push_back(ca_text.str());
  run.validation_sources.default_ocsp_url = options.ocsp;
  run.validation_transport = std::move(transport);
  return true;
}

}  // namespace nes::cli
