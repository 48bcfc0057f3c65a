// nes-list-sign-driver: one nes::ListSigner, for the crash test of the
// officer's signature. The library's signer with the plainest sources a test
// can give, and a progress sink that kills the process (SIGKILL, as a power
// cut would) at the stage named by NES_CRASH_AT.
//
//   nes-list-sign-driver PORTAL CA_FILE JOURNAL INSTITUTION VERSION MODULE TOKEN_LABEL CERTIFICATE_ID
//   (the time stamps from NES_TSA_URL, NES_TSA_CUSTOMER, NES_TSA_PASSWORD, NES_TSA_CA)
//
// The officer's T.C. Kimlik No comes from $NES_TCKN, the password from
// $NES_PASSWORD, the PIN from $NES_PIN. The last line printed is the outcome
// as JSON.

#include <nes/list_signer.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>

#include <boost/asio/io_context.hpp>

#include <csignal>
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    std::cerr << "usage: see the comment at the top of list_sign_driver.cpp\n";
    return 2;
  }
  boost::asio::io_context io;
  nes::ClientOptions client_options;
  client_options.portal_url = argv[1];
  client_options.tls.extra_ca_file = argv[2];
  nes::error_code ec;
  std::string detail;
  auto client = nes::Client::create(io.get_executor(), client_options, ec, &detail);
  std::shared_ptr<nes::Journal> journal = client ? nes::Journal::open(argv[3], ec, &detail) : nullptr;
  if (!journal) {
    std::cerr << "nes-list-sign-driver: " << detail << "\n";
    return 1;
  }
  std::optional<nes::Session> session;
  client->async_login({nes::SecretString(environment("NES_TCKN")), nes::SecretString(environment("NES_PASSWORD"))},
                      [&](nes::error_code e, nes::Result<nes::Session> s) {
                        if (!e) session = std::move(s).value();
                      });
  io.run();
  if (!session) {
    std::cerr << "nes-list-sign-driver: the officer's login failed\n";
    return 1;
  }

  nes::Pkcs11Options token;
  token.module = argv[6];
  token.token_label = argv[7];
  token.certificate_id = argv[8];
  token.pin = [](const nes::PinRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
    give({}, nes::SecretString(environment("NES_PIN")));
  };
  std::shared_ptr<nes::Signer> signer = nes::Pkcs11Signer::create(io.get_executor(), token, ec, &detail);
  if (!signer) {
    std::cerr << "nes-list-sign-driver: " << detail << "\n";
    return 1;
  }
  // CAdES-T, as the portal's profile P2 requires: the TSA from the environment.
  if (!environment("NES_TSA_URL").empty()) {
    std::ifstream ca_in(environment("NES_TSA_CA"));
    std::stringstream tsa_ca;
    tsa_ca << ca_in.rdbuf();
    auto transport = nes::make_https_transport(io.get_executor(), client_options, ec, &detail);
    nes::TimestampService service(environment("NES_TSA_URL"), std::stoull(environment("NES_TSA_CUSTOMER")),
                                  nes::SecretString(environment("NES_TSA_PASSWORD")));
    service.trust_anchors_pem = {tsa_ca.str()};
    signer = std::make_shared<nes::TimestampingSigner>(std::move(signer),
                                                       nes::TimestampClient(std::move(transport), std::move(service)));
  }
  const std::string crash_at = environment("NES_CRASH_AT");
  nes::ListSigningOptions options{signer, [&](const nes::ListSigningProgress& progress) {
                                    std::cerr << "nes-list-sign-driver: " << nes::to_string(progress.stage) << "\n";
                                    if (nes::to_string(progress.stage) == crash_at) std::raise(SIGKILL);
                                  }};
  auto run =
      nes::ListSigner::begin(nes::Officer(*session, argv[4]), journal, argv[5], {}, std::move(options), ec, &detail);
  if (!run) {
    std::cerr << "nes-list-sign-driver: " << detail << "\n";
    return 1;
  }
  nes::error_code run_error;
  nes::Result<nes::ListDecision> outcome;
  run->async_run([&](nes::error_code e, nes::Result<nes::ListDecision> r) {
    run_error = e;
    outcome = std::move(r);
  });
  io.restart();
  io.run();
  const auto entry = run->entry();
  std::cout << "{\"finished\": " << (run_error ? "false" : "true") << ", \"decision\": \"" << entry.decision_id
            << "\", \"step\": \"" << nes::to_string(entry.step) << "\"}\n";
  if (run_error) std::cerr << "nes-list-sign-driver: " << entry.note << "\n";
  return run_error ? 1 : 0;
}
