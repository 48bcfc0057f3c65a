// nes-run-driver: one nes::ApplicationRun, for the crash test. It is the
// library's run with the plainest sources a test can give, and a progress
// sink that kills the process (SIGKILL, as a power cut would) at the stage
// named by NES_CRASH_AT.
//
//   nes-run-driver PORTAL CA_FILE JOURNAL FORM wet PDF
//   nes-run-driver PORTAL CA_FILE JOURNAL FORM pkcs11 MODULE TOKEN_LABEL CERTIFICATE_ID
//   (the time stamps from NES_TSA_URL, NES_TSA_CUSTOMER, NES_TSA_PASSWORD, NES_TSA_CA)
//
// The password comes from $NES_PASSWORD, the PIN from $NES_PIN, the SMS code
// from the shell command $NES_OTP_COMMAND (given $NES_APPLICATION_ID). The
// last line printed is the outcome as JSON.

#include <nes/application_run.hpp>
#include <nes/form_json.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The first line `command` prints, with NES_APPLICATION_ID set for it.
std::string first_line_of(const std::string& command, const std::string& application_id) {
  const std::string line = "NES_APPLICATION_ID='" + application_id + "' " + command;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return {};
  char buffer[128] = {};
  std::string out = std::fgets(buffer, sizeof buffer, pipe) != nullptr ? buffer : "";
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7 && argc != 9) {
    std::cerr << "usage: see the comment at the top of run_driver.cpp\n";
    return 2;
  }
  const std::string portal = argv[1];
  const std::string ca_file = argv[2];
  const std::string route = argv[5];
  std::ifstream form_file(argv[4]);
  std::stringstream form_json;
  form_json << form_file.rdbuf();
  const auto decoded = nes::decode_form_json(form_json.str());
  if (!decoded.form) {
    std::cerr << "nes-run-driver: " << argv[4] << " is not a form\n";
    return 2;
  }

  boost::asio::io_context io;
  nes::ClientOptions client_options;
  client_options.portal_url = portal;
  client_options.tls.extra_ca_file = ca_file;
  nes::error_code ec;
  std::string detail;
  auto client = nes::Client::create(io.get_executor(), client_options, ec, &detail);
  std::shared_ptr<nes::Journal> journal = client ? nes::Journal::open(argv[3], ec, &detail) : nullptr;
  if (!journal) {
    std::cerr << "nes-run-driver: " << detail << "\n";
    return 1;
  }

  nes::ApplicationRunOptions options;
  options.password = [](const nes::PasswordRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
    give({}, nes::SecretString(environment("NES_PASSWORD")));
  };
  options.acknowledge = [](const nes::Institution&, const nes::Notice&,
                           std::function<void(nes::error_code, bool)> give) { give({}, true); };
  std::string application_id;
  bool code_given = false;
  options.otp_code = [&](const nes::OtpStatus&, std::function<void(nes::error_code, nes::SecretString)> give) {
    if (std::exchange(code_given, true)) {
      give(boost::asio::error::operation_aborted, {});  // a refused code is not tried again
      return;
    }
    give({}, nes::SecretString(first_line_of(environment("NES_OTP_COMMAND"), application_id)));
  };
  if (route == "wet") {
    options.wet_pdf = argv[6];
  } else {
    options.pkcs11.module = argv[6];
    options.pkcs11.token_label = argv[7];
    options.pkcs11.certificate_id = argv[8];
    options.pkcs11.pin = [](const nes::PinRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
      give({}, nes::SecretString(environment("NES_PIN")));
    };
    // CAdES-T, as the portal's profile P2 requires: the TSA from the environment.
    if (!environment("NES_TSA_URL").empty()) {
      std::ifstream ca_in(environment("NES_TSA_CA"));
      std::stringstream tsa_ca;
      tsa_ca << ca_in.rdbuf();
      auto transport = nes::make_https_transport(io.get_executor(), client_options, ec, &detail);
      nes::TimestampService service(environment("NES_TSA_URL"), std::stoull(environment("NES_TSA_CUSTOMER")),
                                    nes::SecretString(environment("NES_TSA_PASSWORD")));
      service.trust_anchors_pem = {tsa_ca.str()};
      options.timestamps.emplace(std::move(transport), std::move(service));
    }
  }
  const std::string crash_at = environment("NES_CRASH_AT");
  options.progress = [&](const nes::RunProgress& progress) {
    application_id = progress.entry.application_id;
    std::cerr << "nes-run-driver: " << nes::to_string(progress.stage) << "\n";
    if (nes::to_string(progress.stage) == crash_at) std::raise(SIGKILL);
  };

  const auto chosen = route == "wet" ? nes::ApprovalRoute::wet_signature : nes::ApprovalRoute::e_signature;
  auto run = nes::ApplicationRun::begin(*client, journal, *decoded.form, chosen, std::move(options), ec, &detail);
  if (!run) {
    std::cerr << "nes-run-driver: " << detail << "\n";
    return 1;
  }
  nes::error_code run_error;
  nes::Result<nes::RunOutcome> outcome;
  run->async_run([&](nes::error_code e, nes::Result<nes::RunOutcome> r) {
    run_error = e;
    outcome = std::move(r);
  });
  io.run();
  const auto entry = run->entry();
  std::cout << "{\"finished\": " << (run_error ? "false" : "true")
            << ", \"continued\": " << (run->continued() ? "true" : "false") << ", \"application_id\": \""
            << entry.application_id << "\", \"step\": \"" << nes::to_string(entry.step) << "\", \"status\": \""
            << (run_error ? "" : std::string(nes::to_string(outcome->application.status))) << "\"}\n";
  if (run_error) std::cerr << "nes-run-driver: " << entry.note << "\n";
  return run_error ? 1 : 0;
}
