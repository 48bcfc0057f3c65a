// nes-portal: the reference portal as a standalone server. Serves until
// SIGINT or SIGTERM.

#include "portal/crypto/encoding.hpp"
#include "portal/registry/password_hash.hpp"

#include <nes/portal/reference_portal.hpp>
#include <nes/version.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace {

constexpr int exit_usage = 2;
constexpr int exit_failure = 1;

const char* const usage =
    "Usage: nes-portal [OPTIONS]\n"
    "The reference portal of the NES application protocol (docs/protocol.md): the e-Devlet\n"
    "gateway, sessions, the catalogue, applications, SMS codes, approval and the admin API.\n"
    "Exit status: 0 after SIGINT/SIGTERM, 1 when it cannot run (data directory in use,\n"
    "address in use), 2 for a usage or configuration error.\n";

// --hash-password: reads one password line from standard input and prints
// the registry's password object for it.
int hash_password(unsigned iterations) {
  using nes::portal::registry::PasswordHash;
  if (iterations < PasswordHash::min_iterations) {
    std::cerr << "nes-portal: --hash-iterations must be at least " << PasswordHash::min_iterations << "\n";
    return exit_usage;
  }
  std::string line;
  std::getline(std::cin, line);
  if (line.empty()) {
    std::cerr << "nes-portal: no password on standard input\n";
    return exit_usage;
  }
  const auto hash = PasswordHash::make(line, iterations);
  nes::secure_wipe(line.data(), line.size());
  std::cout << R"({"algorithm": "pbkdf2-sha256", "iterations": )" << hash.iterations << R"(, "salt": ")"
            << nes::portal::crypto::base64_encode(hash.salt) << R"(", "hash": ")"
            << nes::portal::crypto::base64_encode(hash.hash) << "\"}\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  nes::portal::PortalOptions options;
  options.listen = "127.0.0.1:8443";
  std::string tls_cert;
  std::string tls_key;
  std::string ca_out;
  std::string fees;
  std::string registry;
  std::string data;
  std::string catalogue;
  std::string sms_outbox;
  std::string email_outbox;
  std::vector<std::string> trust_ca;
  std::string policy_document;
  std::vector<std::string> trust_tsa_ca;
  std::string tsa_cert;
  std::string tsa_key;
  std::string tsa_subscribers;
  std::string tsa_ca_out;
  std::string status_ca_cert;
  std::string status_ca_key;
  std::string admin_token;
  auto& otp = options.otp;
  auto& limits = options.rate_limits;
  auto& faults = options.faults;
  options.gateway_listen = "127.0.0.1:8444";
  unsigned hash_iterations = 100'000;
  po::options_description described("Options");
  described.add_options()("listen", po::value(&options.listen)->default_value(options.listen),
                          "ADDRESS:PORT to serve on; port 0 picks a free port")(
      "gateway-listen", po::value(&options.gateway_listen)->default_value(options.gateway_listen),
      "ADDRESS:PORT of the e-Devlet gateway (OAuth2 + PKCE), addressed as localhost")(
      "registry", po::value(&registry), "personnel registry (JSON, docs/portal.md); default: the demo registry")(
      "data", po::value(&data), "state directory (SQLite, WAL); default: a temporary one, removed at exit")(
      "tls-cert", po::value(&tls_cert), "PEM certificate chain of the server (with --tls-key)")(
      "tls-key", po::value(&tls_key), "PEM private key of the server (with --tls-cert)")(
      "ca-out", po::value(&ca_out), "without --tls-cert: write the generated test CA (PEM) here, for clients to trust")(
      "insecure-http", po::bool_switch(&options.insecure_http),
      "serve plain HTTP instead of TLS (local experiments only)")(
      "fees", po::value(&fees), "fee table (JSON, docs/portal.md); default: the demo fee table")(
      "catalogue", po::value(&catalogue),
      "institution catalogue (JSON, docs/form-schema.md); default: the demo catalogue")(
      "sms-outbox", po::value(&sms_outbox),
      "append every SMS code as a JSON line {phone, code, application, at} to FILE (tests only: live codes)")(
      "email-outbox", po::value(&email_outbox),
      "append every e-mail (an institution-paid applicant's access code) as a JSON line {to, access_code, "
      "institution, request, at} to FILE (tests only: live codes)")(
      "trust-ca", po::value(&trust_ca)->composing(),
      "PEM trust anchor for e-imza signer certificates; repeatable. None: every e-imza approval is refused")(
      "signature-profile", po::value(&options.signature.profile)->default_value(options.signature.profile),
      "what e-imza approvals are signed to: P2, P3, P4 (BTK's profiles, with their signature policy) or BES")(
      "signature-policy-document", po::value(&policy_document),
      "the profile's policy document, whose SHA-256 signatures must name; default: the demo's stand-in")(
      "trust-tsa-ca", po::value(&trust_tsa_ca)->composing(),
      "PEM trust anchor for the time stamps of e-imza signatures (CAdES-T); repeatable. The generated TSA's CA is "
      "trusted without it")(
      "tsa-cert", po::value(&tsa_cert),
      "PEM certificate chain of the time-stamping authority at /tsa (timeStamping); default: a generated one")(
      "tsa-key", po::value(&tsa_key), "PEM private key of the time-stamping authority (with --tsa-cert)")(
      "tsa-ca-out", po::value(&tsa_ca_out),
      "without --tsa-cert: write the generated TSA's CA (PEM) here, for time-stamp clients to trust")(
      "tsa-subscribers", po::value(&tsa_subscribers),
      "time-stamp subscribers (JSON, docs/portal.md: customer_id, password, credit); default: the demo's")(
      "tsa-policy", po::value(&options.timestamp.policy)->default_value(options.timestamp.policy),
      "the policy OID of the time stamps")(
      "status-ca-cert", po::value(&status_ca_cert),
      "PEM certificate of the e-imza CA whose certificates' status the portal publishes (a CRL at "
      "/pki/esign.crl, OCSP at /ocsp); with --status-ca-key")("status-ca-key", po::value(&status_ca_key),
                                                              "PEM private key of that CA (with --status-ca-cert)")(
      "admin-token", po::value(&admin_token),
      "turn the admin API (/admin/v1) on, with this Bearer token (visible to ps: use on test machines)")(
      "session-ttl", po::value(&options.session_ttl_seconds)->default_value(options.session_ttl_seconds),
      "portal session lifetime, seconds")("otp-valid", po::value(&otp.valid_seconds)->default_value(otp.valid_seconds),
                                          "SMS code validity, seconds")(
      "otp-resend-after", po::value(&otp.resend_after_seconds)->default_value(otp.resend_after_seconds),
      "seconds before a new SMS code may be asked for")(
      "otp-max-tries", po::value(&otp.max_tries)->default_value(otp.max_tries), "wrong tries before a code locks")(
      "rate-window", po::value(&limits.window_seconds)->default_value(limits.window_seconds),
      "rate-limit window, seconds")("rate-logins-person",
                                    po::value(&limits.logins_per_person)->default_value(limits.logins_per_person),
                                    "login attempts per T.C. Kimlik No and window (0: no limit)")(
      "rate-logins-address", po::value(&limits.logins_per_address)->default_value(limits.logins_per_address),
      "login attempts per client address and window")(
      "rate-sms-person", po::value(&limits.sms_per_person)->default_value(limits.sms_per_person),
      "SMS codes sent or tried per T.C. Kimlik No and window")(
      "rate-sms-address", po::value(&limits.sms_per_address)->default_value(limits.sms_per_address),
      "SMS codes sent or tried per client address and window")(
      "rate-debt-person", po::value(&limits.debt_inquiries_per_person)->default_value(limits.debt_inquiries_per_person),
      "debt inquiries per T.C. Kimlik No and window")(
      "rate-debt-address",
      po::value(&limits.debt_inquiries_per_address)->default_value(limits.debt_inquiries_per_address),
      "debt inquiries per client address and window")("fault-seed", po::value(&faults.seed)->default_value(0),
                                                      "seed of the fault injection (0: random)")(
      "fault-latency-rate", po::value(&faults.latency_rate)->default_value(0), "share of /api/ requests delayed")(
      "fault-latency-ms", po::value(&faults.latency_ms)->default_value(0), "the added delay, milliseconds")(
      "fault-reset-rate", po::value(&faults.reset_rate)->default_value(0),
      "share of /api/ requests whose connection is reset (before or after handling)")(
      "fault-unavailable-rate", po::value(&faults.unavailable_rate)->default_value(0),
      "share of /api/ requests answered 503 with Retry-After, unhandled")(
      "fault-retry-after", po::value(&faults.retry_after_seconds)->default_value(faults.retry_after_seconds),
      "the Retry-After of those 503 answers, seconds")("fault-csrf-rate",
                                                       po::value(&faults.csrf_reject_rate)->default_value(0),
                                                       "share of right CSRF tokens rejected (403 csrf_rejected)")(
      "threads", po::value(&options.threads)->default_value(2), "threads serving requests")(
      "hash-password", "read a password from standard input, print its registry entry (PBKDF2-SHA256) and exit")(
      "hash-iterations", po::value(&hash_iterations)->default_value(hash_iterations),
      "PBKDF2 iterations for --hash-password (at least 10000)")("help,h", "show this help")("version",
                                                                                            "print the version");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, described), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "nes-portal: " << e.what() << "\n" << usage << described;
    return exit_usage;
  }
  if (vm.count("help") != 0U) {
    std::cout << usage << described;
    return 0;
  }
  if (vm.count("version") != 0U) {
    std::cout << "nes-portal " << nes::version_string << "\n";
    return 0;
  }
  if (vm.count("hash-password") != 0U) return hash_password(hash_iterations);
  if (tls_cert.empty() != tls_key.empty()) {
    std::cerr << "nes-portal: --tls-cert and --tls-key go together\n";
    return exit_usage;
  }
  if (!tsa_ca_out.empty() && !tsa_cert.empty()) {
    std::cerr << "nes-portal: --tsa-ca-out needs a generated TSA certificate (no --tsa-cert)\n";
    return exit_usage;
  }
  if (!ca_out.empty() && (!tls_cert.empty() || options.insecure_http)) {
    std::cerr << "nes-portal: --ca-out needs a generated certificate (no --tls-cert, no --insecure-http)\n";
    return exit_usage;
  }
  options.tls_certificate = tls_cert;
  options.tls_private_key = tls_key;
  options.fee_table = fees;
  options.registry = registry;
  options.data_directory = data;
  options.catalogue = catalogue;
  options.sms_outbox = sms_outbox;
  options.email_outbox = email_outbox;
  options.trust_ca.assign(trust_ca.begin(), trust_ca.end());
  options.signature.policy_document = policy_document;
  options.signature.time_stamp_ca.assign(trust_tsa_ca.begin(), trust_tsa_ca.end());
  options.timestamp.certificate = tsa_cert;
  options.timestamp.private_key = tsa_key;
  options.timestamp.subscribers = tsa_subscribers;
  options.certificate_status.ca_certificate = status_ca_cert;
  options.certificate_status.ca_private_key = status_ca_key;
  options.admin_token.assign(admin_token);
  nes::secure_wipe(admin_token.data(), admin_token.size());

  nes::portal::ReferencePortal portal(options);
  std::string detail;
  if (const auto ec = portal.start(&detail)) {
    std::cerr << "nes-portal: " << (detail.empty() ? ec.message() : detail) << "\n";
    return ec == nes::errc::invalid_argument ? exit_usage : exit_failure;  // resource_in_use, address in use: 1
  }
  if (!ca_out.empty()) {
    std::ofstream out(ca_out, std::ios::binary | std::ios::trunc);
    out << portal.ca_certificate_pem();
    if (!out) {
      std::cerr << "nes-portal: cannot write " << ca_out << "\n";
      return exit_failure;
    }
  }
  if (!tsa_ca_out.empty()) {
    std::ofstream out(tsa_ca_out, std::ios::binary | std::ios::trunc);
    out << portal.timestamp_ca_pem();
    if (!out) {
      std::cerr << "nes-portal: cannot write " << tsa_ca_out << "\n";
      return exit_failure;
    }
  }
  std::cout << "nes-portal: serving " << portal.base_url() << ", e-Devlet gateway " << portal.gateway_url()
            << ", state in " << portal.data_directory().string() << ", time stamps at " << portal.timestamp_url()
            << ", OCSP at " << portal.ocsp_url() << std::endl;
  if (sms_outbox.empty()) {
    std::cout << "nes-portal: no --sms-outbox: SMS codes go nowhere, so no application can pass step 11" << std::endl;
  }

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code&, int) {});
  signals_io.run();
  portal.stop();
  std::cout << "nes-portal: stopped" << std::endl;
  return 0;
}
