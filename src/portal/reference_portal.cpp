#include <nes/portal/reference_portal.hpp>

#include "portal/api/admin_api.hpp"
#include "portal/api/application_api.hpp"
#include "portal/api/auth_api.hpp"
#include "portal/api/catalogue_api.hpp"
#include "portal/api/certificate_api.hpp"
#include "portal/api/debt_api.hpp"
#include "portal/api/e_onay_api.hpp"
#include "portal/api/institution_application_api.hpp"
#include "portal/api/officer_api.hpp"
#include "portal/api/public_api.hpp"
#include "portal/api/services.hpp"
#include "portal/api/status_api.hpp"
#include "portal/api/tsa_api.hpp"
#include "portal/approval/signature_requirement.hpp"
#include "portal/demo_data.hpp"
#include "portal/fee_table.hpp"
#include "portal/gateway/gateway.hpp"
#include "portal/http/server.hpp"
#include "portal/pki/test_pki.hpp"
#include "portal/sms/outbox_sink.hpp"
#include "portal/store/data_directory.hpp"
#include "portal/store/database.hpp"
#include "portal/store/revocation_store.hpp"
#include "portal/store/tsa_ledger.hpp"
#include "portal/tsa/tsa_setup.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include <openssl/ssl.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

namespace nes::portal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "127.0.0.1:8443", "[::1]:0", "localhost:8443" is not accepted: the portal
// binds addresses, not names.
std::optional<tcp::endpoint> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  unsigned port = 0;
  const std::string digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  port = static_cast<unsigned>(std::stoul(digits));
  if (port > 65535) return std::nullopt;
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

// "the fee table is not valid:" and one line per problem, for start()'s detail.
std::string describe_problems(std::string_view what, const FieldErrors& errors) {
  std::string message = std::string(what) + " is not valid:";
  for (const auto& e : errors) message += "\n  " + e.field + " [" + std::string(to_string(e.code)) + "]";
  return message;
}

}  // namespace

struct ReferencePortal::Impl {
  explicit Impl(PortalOptions o) : options(std::move(o)) {}

  PortalOptions options;
  FeeTable fees;
  std::string ca_pem;
  pki::Credential tsa_ca;  // generated: its key signs the TSA certificate's status
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  http::Router router;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<store::DataDirectory> directory;
  std::unique_ptr<store::Database> database;
  std::optional<registry::PersonnelRegistry> people;
  std::vector<Institution> catalogue;
  std::unique_ptr<store::SessionStore> sessions;
  std::unique_ptr<store::ApplicationStore> applications;
  std::unique_ptr<store::InstitutionStore> institution_work;
  std::unique_ptr<store::CertificateStore> certificates;
  std::unique_ptr<store::ConfirmationStore> confirmations;
  std::unique_ptr<store::EOnayStore> e_onay;
  std::optional<issuance::IssuingCa> issuing_ca;  // the e-imza CA, when configured
  std::unique_ptr<approval::SignatureChecker> signatures;
  std::unique_ptr<approval::SignatureChecker> login_signatures;  ///< e-imza login: the same anchors, CAdES-BES
  std::unique_ptr<tsa::TimeStampAuthority> time_stamps;
  std::unique_ptr<store::RevocationStore> revocations;
  std::unique_ptr<revocation::CertificateStatus> certificate_status;
  std::unique_ptr<limits::RateLimiter> limiter;
  std::unique_ptr<faults::FaultInjector> faults;
  std::unique_ptr<api::Services> services;
  std::unique_ptr<gateway::Gateway> gate;
  http::Router gateway_router;
  std::unique_ptr<http::Server> gateway_server;
  std::vector<std::thread> threads;

  error_code fail(errc code, std::string message, std::string* detail) {
    if (detail != nullptr) *detail = std::move(message);
    return code;
  }

  // TLS 1.2 and later only; the chain and key from files or a fresh test PKI.
  std::shared_ptr<asio::ssl::context> make_tls(std::string* detail, error_code& ec) {
    auto tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression |
                     asio::ssl::context::single_dh_use);
    std::string chain;
    SecretString key;
    if (options.tls_certificate.empty() && options.tls_private_key.empty()) {
      auto pki = pki::make_localhost_server_pki();
      ca_pem = pki.ca.certificate_pem;
      chain = pki.server.certificate_pem;
      key = std::move(pki.server.private_key_pem);
    } else {
      auto chain_file = read_file(options.tls_certificate);
      auto key_file = read_file(options.tls_private_key);
      if (!chain_file || !key_file) {
        ec = fail(errc::invalid_argument, "cannot read --tls-cert or --tls-key", detail);
        return nullptr;
      }
      chain = std::move(*chain_file);
      key.assign(*key_file);
      secure_wipe(key_file->data(), key_file->size());
    }
    boost::system::error_code tls_error;
    tls->use_certificate_chain(asio::buffer(chain), tls_error);
    if (!tls_error)
      tls->use_private_key(asio::buffer(key.reveal().data(), key.size()), asio::ssl::context::pem, tls_error);
    if (tls_error) {
      ec = fail(errc::invalid_argument, "the TLS certificate or key is not usable: " + tls_error.message(), detail);
      return nullptr;
    }
    return tls;
  }

  error_code load_catalogue(std::string* detail) {
    std::string text(demo_catalogue_json());
    if (!options.catalogue.empty()) {
      auto file = read_file(options.catalogue);
      if (!file) return fail(errc::invalid_argument, "cannot read the catalogue " + options.catalogue.string(), detail);
      text = std::move(*file);
    }
    auto decoded = decode_institution_catalogue(text);
    if (!decoded) return fail(errc::invalid_argument, describe_problems("the catalogue", decoded.errors()), detail);
    catalogue = std::move(decoded).value();
    return {};
  }

  error_code load_trust_anchors(std::string* detail) {
    std::vector<std::string> anchors = options.trust_ca_pem;
    for (const auto& path : options.trust_ca) {
      auto text = read_file(path);
      if (!text) return fail(errc::invalid_argument, "cannot read --trust-ca " + path.string(), detail);
      anchors.push_back(std::move(*text));
    }
    std::string policy_document(demo_signature_policy());
    if (!options.signature.policy_document.empty()) {
      auto text = read_file(options.signature.policy_document);
      if (!text) {
        return fail(errc::invalid_argument,
                    "cannot read the signature policy document " + options.signature.policy_document.string(), detail);
      }
      policy_document = std::move(*text);
    }
    std::string problem;
    auto requirement = approval::signature_requirement(options.signature.profile, policy_document, problem);
    if (!requirement) return fail(errc::invalid_argument, problem, detail);
    std::vector<std::string> tsa_anchors = options.signature.time_stamp_ca_pem;
    if (!tsa_ca.certificate_pem.empty()) tsa_anchors.push_back(tsa_ca.certificate_pem);
    for (const auto& path : options.signature.time_stamp_ca) {
      auto text = read_file(path);
      if (!text) return fail(errc::invalid_argument, "cannot read --trust-tsa-ca " + path.string(), detail);
      tsa_anchors.push_back(std::move(*text));
    }
    signatures = approval::SignatureChecker::make(anchors, tsa_anchors, std::move(*requirement), problem);
    if (!signatures) return fail(errc::invalid_argument, problem, detail);
    login_signatures =
        approval::SignatureChecker::make(anchors, tsa_anchors, approval::SignatureRequirement{}, problem);
    if (!login_signatures) return fail(errc::invalid_argument, problem, detail);
    return {};
  }

  error_code load_time_stamp_authority(std::string* detail) {
    const auto& o = options.timestamp;
    if (o.certificate.empty() != o.private_key.empty()) {
      return fail(errc::invalid_argument, "--tsa-cert and --tsa-key go together", detail);
    }
    tsa::TsaSources sources{.subscribers_json = std::string(demo_tsa_subscribers_json()), .policy_oid = o.policy};
    if (!o.certificate.empty()) {
      auto certificate = read_file(o.certificate);
      auto key = read_file(o.private_key);
      if (!certificate || !key) {
        return fail(errc::invalid_argument, "cannot read --tsa-cert or --tsa-key", detail);
      }
      sources.certificate_pem = std::move(*certificate);
      sources.private_key_pem.assign(*key);
      secure_wipe(key->data(), key->size());
    }
    if (!o.subscribers.empty()) {
      auto text = read_file(o.subscribers);
      if (!text) return fail(errc::invalid_argument, "cannot read the subscribers " + o.subscribers.string(), detail);
      sources.subscribers_json = std::move(*text);
    }
    std::string problem;
    time_stamps = tsa::make_authority(std::move(sources), tsa_ca, problem);
    if (!time_stamps) return fail(errc::invalid_argument, problem, detail);
    return {};
  }

  // The e-imza CA's status when one is configured, and the generated TSA CA's.
  error_code load_certificate_status(std::string* detail) {
    const auto& o = options.certificate_status;
    revocations = std::make_unique<store::RevocationStore>(*database);
    certificate_status = std::make_unique<revocation::CertificateStatus>(*revocations);
    std::string certificate = o.ca_certificate_pem;
    SecretString key = o.ca_private_key_pem;
    if (o.ca_certificate.empty() != o.ca_private_key.empty()) {
      return fail(errc::invalid_argument, "--status-ca-cert and --status-ca-key go together", detail);
    }
    if (!o.ca_certificate.empty()) {
      auto certificate_file = read_file(o.ca_certificate);
      auto key_file = read_file(o.ca_private_key);
      if (!certificate_file || !key_file) {
        return fail(errc::invalid_argument, "cannot read --status-ca-cert or --status-ca-key", detail);
      }
      certificate = std::move(*certificate_file);
      key.assign(*key_file);
      secure_wipe(key_file->data(), key_file->size());
    }
    std::string problem;
    if (!certificate.empty() && !certificate_status->add_authority("esign", certificate, key, problem)) {
      return fail(errc::invalid_argument, problem, detail);
    }
    if (!certificate.empty()) issuing_ca = issuance::IssuingCa{.ca = {std::move(certificate), std::move(key)}};
    if (!tsa_ca.certificate_pem.empty() &&
        !certificate_status->add_authority("tsa", tsa_ca.certificate_pem, tsa_ca.private_key_pem, problem)) {
      return fail(errc::invalid_argument, problem, detail);
    }
    return {};
  }

  // The outbox file and the caller's callback, each when configured; for
  // SMS codes and for e-mails alike.
  template <class Message>
  error_code make_sink(const std::filesystem::path& outbox_path, std::string_view what,
                       const std::function<void(const Message&)>& callback, std::function<void(const Message&)>& sink,
                       std::string* detail) {
    std::shared_ptr<sms::OutboxSink> outbox;
    if (!outbox_path.empty()) {
      std::string problem;
      outbox = sms::OutboxSink::open(outbox_path, what, problem);
      if (!outbox) return fail(errc::invalid_argument, problem, detail);
    }
    if (!outbox && !callback) return {};
    sink = [outbox, callback](const Message& message) {
      if (outbox) outbox->send(message);
      if (callback) callback(message);
    };
    return {};
  }

  [[nodiscard]] bool started() const noexcept { return !threads.empty(); }

  // The options a command line cannot check for the in-process caller.
  error_code check_policies(std::string* detail) {
    const auto& otp = options.otp;
    if (otp.length < 4 || otp.length > 10 || otp.valid_seconds < 1 || otp.resend_after_seconds < 0 ||
        otp.max_tries < 1) {
      return fail(errc::invalid_argument,
                  "the SMS code policy needs a length of 4-10 digits, a validity of at least 1 s, a cooldown of "
                  "at least 0 s and at least 1 try",
                  detail);
    }
    if (options.session_ttl_seconds < 1)
      return fail(errc::invalid_argument, "the session lifetime must be at least 1 s", detail);
    const auto& f = options.faults;
    for (const double rate : {f.latency_rate, f.reset_rate, f.unavailable_rate, f.csrf_reject_rate}) {
      if (!(rate >= 0 && rate <= 1)) return fail(errc::invalid_argument, "fault rates are between 0 and 1", detail);
    }
    if (f.latency_ms < 0 || f.retry_after_seconds < 0) {
      return fail(errc::invalid_argument, "fault latency and Retry-After cannot be negative", detail);
    }
    return {};
  }

  error_code start(std::string* detail) {
    io.restart();  // after a stop(), the io_context must run again
    if (const auto ec = check_policies(detail)) return ec;
    const auto endpoint = parse_listen(options.listen);
    if (!endpoint) return fail(errc::invalid_argument, "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8443", detail);
    if (options.fee_table.empty()) {
      fees = FeeTable::demo();
    } else {
      const auto text = read_file(options.fee_table);
      if (!text) return fail(errc::invalid_argument, "cannot read the fee table " + options.fee_table.string(), detail);
      auto decoded = decode_fee_table(*text);
      if (!decoded) {
        return fail(errc::invalid_argument, describe_problems("the fee table", decoded.errors()), detail);
      }
      fees = std::move(decoded).value();
    }
    const auto gateway_endpoint = parse_listen(options.gateway_listen);
    if (!gateway_endpoint) return fail(errc::invalid_argument, "--gateway-listen must be ADDRESS:PORT", detail);
    std::string registry_text(demo_registry_json());
    if (!options.registry.empty()) {
      auto text = read_file(options.registry);
      if (!text) return fail(errc::invalid_argument, "cannot read the registry " + options.registry.string(), detail);
      registry_text = std::move(*text);
    }
    auto decoded_people = registry::decode_personnel_registry(registry_text);
    if (!decoded_people) {
      return fail(errc::invalid_argument, describe_problems("the personnel registry", decoded_people.errors()), detail);
    }
    people.emplace(std::move(decoded_people).value());
    if (const auto ec = load_catalogue(detail)) return ec;
    // The TSA first: signatures' time stamps may come from it.
    if (const auto ec = load_time_stamp_authority(detail)) return ec;
    if (const auto ec = load_trust_anchors(detail)) return ec;
    SmsSink sms;
    if (const auto ec = make_sink(options.sms_outbox, "SMS outbox", options.sms_sink, sms, detail)) return ec;
    EmailSink email;
    if (const auto ec = make_sink(options.email_outbox, "e-mail outbox", options.email_sink, email, detail)) return ec;
    std::string store_problem;
    bool in_use = false;
    directory = options.data_directory.empty()
                    ? store::DataDirectory::temporary(store_problem)
                    : store::DataDirectory::open(options.data_directory, store_problem, &in_use);
    if (directory) database = store::Database::open((directory->path() / "portal.db").string(), store_problem);
    if (!database) {
      directory.reset();
      return fail(in_use ? errc::resource_in_use : errc::invalid_argument, store_problem, detail);
    }
    if (const auto ec = load_certificate_status(detail)) {
      database.reset();
      directory.reset();
      return ec;
    }
    time_stamps->count_in(std::make_shared<store::TsaLedger>(*database));
    std::shared_ptr<asio::ssl::context> tls;
    if (!options.insecure_http) {
      error_code ec;
      tls = make_tls(detail, ec);
      if (!tls) return ec;
    }
    server = std::make_unique<http::Server>(io, tls, router);
    if (const auto ec = server->listen(*endpoint)) {
      if (detail != nullptr) *detail = "cannot listen on " + options.listen + ": " + ec.message();
      server.reset();
      return ec;
    }
    limiter =
        std::make_unique<limits::RateLimiter>(std::chrono::seconds(std::max(1, options.rate_limits.window_seconds)));
    // A certificate revoked or suspended at this portal's CAs does not log in.
    auto signer_refusal = [status = certificate_status.get()](std::string_view certificate_pem) -> std::string {
      const auto on_record = status->revocation_of_certificate(certificate_pem);
      if (!on_record) return {};
      return on_record->reason == store::certificate_hold ? "certificate_suspended" : "signer_revoked";
    };
    const gateway::GatewayOptions gateway_options{.redirect_uris = {redirect_uri()},
                                                  .logins_per_person = options.rate_limits.logins_per_person,
                                                  .logins_per_address = options.rate_limits.logins_per_address,
                                                  .signatures = login_signatures.get(),
                                                  .signer_refusal = std::move(signer_refusal)};
    gate = std::make_unique<gateway::Gateway>(*people, *database, *limiter, gateway_options);
    gate->add_routes(gateway_router);
    gateway_server = std::make_unique<http::Server>(io, tls, gateway_router);
    if (const auto ec = gateway_server->listen(*gateway_endpoint)) {
      if (detail != nullptr) *detail = "cannot listen on " + options.gateway_listen + ": " + ec.message();
      server.reset();
      gateway_server.reset();
      return ec;
    }
    // Both ports are known now, so the portal can say where its gateway is.
    api::add_public_routes(router, fees,
                           {.authorize_url = gateway_url() + "/oauth2/authorize",
                            .client_id = gateway_options.client_id,
                            .redirect_uri = redirect_uri(),
                            .otp = options.otp,
                            .signature = signatures->requirement()});
    sessions = std::make_unique<store::SessionStore>(*database);
    applications = std::make_unique<store::ApplicationStore>(*database);
    institution_work = std::make_unique<store::InstitutionStore>(*database);
    certificates = std::make_unique<store::CertificateStore>(*database);
    confirmations = std::make_unique<store::ConfirmationStore>(*database);
    e_onay = std::make_unique<store::EOnayStore>(*database);
    if (issuing_ca) {
      issuing_ca->ocsp_url = ocsp_url();
      issuing_ca->crl_url = crl_url();
    }
    faults = std::make_unique<faults::FaultInjector>(options.faults);
    services.reset(new api::Services{.fees = fees,
                                     .catalogue = catalogue,
                                     .people = *people,
                                     .database = *database,
                                     .sessions = *sessions,
                                     .applications = *applications,
                                     .institution_work = *institution_work,
                                     .certificates = *certificates,
                                     .confirmations = *confirmations,
                                     .e_onay = *e_onay,
                                     .issuing_ca = issuing_ca ? &*issuing_ca : nullptr,
                                     .gateway = *gate,
                                     .signatures = *signatures,
                                     .certificate_status = *certificate_status,
                                     .limiter = *limiter,
                                     .faults = *faults,
                                     .sms = std::move(sms),
                                     .email = std::move(email),
                                     .otp = options.otp,
                                     .rate_limits = options.rate_limits,
                                     .session_ttl_seconds = options.session_ttl_seconds,
                                     .client_id = gateway_options.client_id,
                                     .secure_cookies = !options.insecure_http});
    api::add_debt_routes(router, *services);
    api::add_auth_routes(router, *services);
    api::add_catalogue_routes(router, *services);
    api::add_application_routes(router, *services);
    api::add_otp_routes(router, *services);
    api::add_approval_routes(router, *services);
    api::add_officer_routes(router, *services);
    api::add_certificate_routes(router, *services);
    api::add_certificate_change_routes(router, *services);
    api::add_puk_release_routes(router, *services);
    api::add_e_onay_routes(router, *services);
    api::add_institution_application_routes(router, *services);
    api::add_tsa_routes(router, *time_stamps);
    api::add_status_routes(router, *certificate_status);
    if (!options.admin_token.empty()) api::add_admin_routes(router, *services, options.admin_token);
    if (options.faults.any()) {
      server->set_fault_hook(
          [injector = faults.get()](const http::Request& request) { return injector->decide(request.target()); });
    }
    server->start();
    gateway_server->start();
    work.emplace(io.get_executor());
    for (unsigned i = 0; i < std::max(1U, options.threads); ++i) threads.emplace_back([this] { io.run(); });
    return {};
  }

  [[nodiscard]] std::string scheme() const { return options.insecure_http ? "http://" : "https://"; }

  [[nodiscard]] std::string base_url() const {
    const auto endpoint = parse_listen(options.listen);
    std::string host = endpoint ? endpoint->address().to_string() : "127.0.0.1";
    if (endpoint && endpoint->address().is_v6()) host = "[" + host + "]";
    return scheme() + host + ":" + std::to_string(server ? server->port() : 0);
  }
  [[nodiscard]] std::string ocsp_url() const { return base_url() + "/ocsp"; }
  [[nodiscard]] std::string crl_url() const { return base_url() + "/pki/esign.crl"; }

  [[nodiscard]] std::string redirect_uri() const { return base_url() + "/api/v1/auth/callback"; }

  [[nodiscard]] std::string gateway_url() const {
    return scheme() + "localhost:" + std::to_string(gateway_server ? gateway_server->port() : 0);
  }

  void stop() {
    if (gateway_server) gateway_server->stop();
    if (server) server->stop();
    work.reset();
    io.stop();
    for (auto& t : threads) t.join();
    threads.clear();
    gateway_server.reset();
    server.reset();
    services.reset();
    gate.reset();
    faults.reset();
    limiter.reset();
    signatures.reset();
    login_signatures.reset();
    time_stamps.reset();
    certificate_status.reset();
    revocations.reset();
    confirmations.reset();
    e_onay.reset();
    certificates.reset();
    issuing_ca.reset();
    institution_work.reset();
    applications.reset();
    sessions.reset();
    database.reset();
    directory.reset();
    // Whatever a start set up goes, so that the next start begins afresh.
    router = http::Router{};
    gateway_router = http::Router{};
    people.reset();
    catalogue.clear();
    ca_pem.clear();
  }
};

ReferencePortal::ReferencePortal(PortalOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ReferencePortal::~ReferencePortal() { stop(); }

error_code ReferencePortal::start(std::string* detail) {
  if (impl_->started()) return impl_->fail(errc::invalid_argument, "the portal is already started", detail);
  const error_code ec = impl_->start(detail);
  if (ec) impl_->stop();  // give back what the failed start took: ports, the data directory
  return ec;
}

void ReferencePortal::stop() { impl_->stop(); }

unsigned short ReferencePortal::port() const { return impl_->server ? impl_->server->port() : 0; }

std::string ReferencePortal::base_url() const { return impl_->base_url(); }

unsigned short ReferencePortal::gateway_port() const {
  return impl_->gateway_server ? impl_->gateway_server->port() : 0;
}

std::string ReferencePortal::gateway_url() const { return impl_->gateway_url(); }

std::string ReferencePortal::redirect_uri() const { return impl_->redirect_uri(); }

const std::string& ReferencePortal::ca_certificate_pem() const { return impl_->ca_pem; }

std::string ReferencePortal::timestamp_url() const { return impl_->base_url() + "/tsa"; }

const std::string& ReferencePortal::timestamp_ca_pem() const { return impl_->tsa_ca.certificate_pem; }

std::string ReferencePortal::ocsp_url() const { return impl_->ocsp_url(); }

std::string ReferencePortal::crl_url() const { return impl_->crl_url(); }

std::string ReferencePortal::timestamp_crl_url() const { return impl_->base_url() + "/pki/tsa.crl"; }

error_code ReferencePortal::revoke_certificate(const std::string& authority, const std::string& serial,
                                               const std::string& reason, std::string* detail) {
  const auto fail = [&](std::string why) {
    if (detail != nullptr) *detail = std::move(why);
    return make_error_code(errc::invalid_argument);
  };
  if (!impl_->certificate_status) return fail("the portal is not started");
  const auto normalized = revocation::normalized_serial(serial);
  if (!normalized) return fail("a serial is at most 40 hexadecimal digits");
  const auto code = revocation::crl_reason_from_name(reason);
  if (!code) return fail("not an RFC 5280 reason: " + reason);
  store::Revocation on_record;
  if (impl_->certificate_status->revoke(authority, *normalized, *code, on_record) ==
      revocation::CertificateStatus::Outcome::unknown_authority) {
    return fail("no certificate status is published for " + authority);
  }
  return {};
}

std::filesystem::path ReferencePortal::data_directory() const {
  return impl_->directory ? impl_->directory->path() : std::filesystem::path();
}

}  // namespace nes::portal
