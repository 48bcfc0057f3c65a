// Every request body the reference portal reads, through its whole stack:
// the in-process portal on loopback (plain HTTP, so that the fuzzer's time
// goes to the handlers, not to TLS), a logged-in applicant with one
// application, and an admin token. The first byte picks the endpoint, the
// rest is its body; an institution's authorised officer calls the officer's
// endpoints, and a person whose certificate was issued (the wet route to
// `shipped`) the certificate's. Whatever arrives, the portal answers, never
// with a 5xx, and every refusal is a problem+json document with a code.

#include "fuzz_check.hpp"
#include "portal/pki/test_pki.hpp"
#include "portal_flow.hpp"
#include "sms_inbox.hpp"

#include <nes/portal/reference_portal.hpp>

#include <boost/json/parse.hpp>

#include <pthread.h>
#include <signal.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;

constexpr std::string_view applicant = "10000000146";
constexpr std::string_view officer = "67746370606";
constexpr std::string_view holder = "62601815964";
constexpr std::string_view admin_token = "fuzz-admin-token-0123456789abcdef";

enum class Server { portal, gateway };
enum class Caller { nobody, applicant, officer, admin, holder };

struct Endpoint {
  Server server;
  std::string_view target;  ///< "{id}" is the applicant's application, "{serial}" the holder's certificate
  std::string_view content_type;
  Caller caller;
};

// Each endpoint that reads a body (docs/protocol/openapi.yaml); the CMS
// upload, the time stamps and OCSP have their own targets.
// New endpoints go at the end: a seed's first byte keeps its endpoint.
constexpr std::array<Endpoint, 17> endpoints{{
    {Server::portal, "/api/v1/auth/session", "application/json", Caller::nobody},
    {Server::portal, "/api/v1/applications", "application/json", Caller::applicant},
    {Server::portal, "/api/v1/applications/{id}/otp/verify", "application/json", Caller::applicant},
    {Server::portal, "/api/v1/debt-inquiries", "application/json", Caller::applicant},
    {Server::portal, "/admin/v1/applications/{id}/transitions", "application/json", Caller::admin},
    {Server::portal, "/admin/v1/revocations", "application/json", Caller::admin},
    {Server::gateway, "/oauth2/authorize", "application/x-www-form-urlencoded", Caller::nobody},
    {Server::gateway, "/oauth2/token", "application/x-www-form-urlencoded", Caller::nobody},
    {Server::portal, "/api/v1/officer/institutions/ornek-universitesi/requests", "application/json", Caller::officer},
    {Server::portal, "/api/v1/officer/institutions/ornek-universitesi/list/decisions", "application/json",
     Caller::officer},
    {Server::portal, "/api/v1/institution-access", "application/json", Caller::applicant},
    {Server::portal, "/api/v1/institution-applications", "application/json", Caller::applicant},
    {Server::portal, "/admin/v1/invoices/dec_00000000/payment", "application/json", Caller::admin},
    {Server::portal, "/api/v1/certificates/{serial}/changes", "application/json", Caller::holder},
    {Server::portal, "/api/v1/certificates/{serial}/changes/cnf_00000000/confirm", "application/json", Caller::holder},
    {Server::portal, "/api/v1/certificates/{serial}/puk", "application/json", Caller::holder},
    {Server::portal, "/api/v1/certificates/{serial}/puk/cnf_00000000/confirm", "application/json", Caller::holder},
}};

struct World {
  std::unique_ptr<nes::portal::ReferencePortal> portal;
  std::unique_ptr<nes::test::PortalFlow> flow;
  nes::test::LoggedIn person;
  nes::test::LoggedIn officer;
  nes::test::LoggedIn holder;
  std::string application_id;
  std::string serial;  ///< the holder's certificate
  unsigned long requests = 0;
};

nes::portal::PortalOptions fuzz_options() {
  nes::portal::PortalOptions options;
  options.insecure_http = true;
  options.threads = 1;
  options.admin_token.assign(admin_token);
  // Limits high enough that the fuzzer reaches the handlers, not the limiter.
  options.rate_limits.logins_per_person = 1'000'000;
  options.rate_limits.logins_per_address = 1'000'000;
  options.rate_limits.sms_per_person = 1'000'000;
  options.rate_limits.sms_per_address = 1'000'000;
  options.rate_limits.debt_inquiries_per_person = 1'000'000;
  options.rate_limits.debt_inquiries_per_address = 1'000'000;
  const auto ca = nes::portal::pki::make_ca({.common_name = "NES SDK FUZZ E-IMZA CA"});
  options.certificate_status.ca_certificate_pem = ca.certificate_pem;
  options.certificate_status.ca_private_key_pem = ca.private_key_pem;
  return options;
}

// The holder's application by the wet route to `shipped`: the serial of its certificate.
std::string issued_certificate(World& w, nes::test::SmsInbox& inbox) {
  const auto admin = [&w](const std::string& target, const std::string& body) {
    const auto res = w.flow->portal().request(http::verb::post, target, body, "application/json",
                                              {{http::field::authorization, "Bearer " + std::string(admin_token)}});
    FUZZ_CHECK(res.result() == http::status::ok);
    return res;
  };
  // With a security word, so that the PUK's release reads the word and gets as far as its check.
  std::string form = nes::test::demo_form(std::string(holder));
  const std::string certificate = R"("certificate": {)";
  form.insert(form.find(certificate) + certificate.size(), R"("security_word": "Kır çiçeği 7", )");
  const auto submitted = w.flow->submit(w.holder, form, "fuzz-holder-application-1");
  FUZZ_CHECK(submitted.result() == http::status::created);
  const auto body = nes::test::json_body(submitted);
  const std::string id(body.at("id").as_string());
  const std::string base = "/api/v1/applications/" + id;
  FUZZ_CHECK(
      w.flow->call(w.holder, http::verb::post, base + "/otp/verify", R"({"code": ")" + inbox.code_for(id) + R"("})")
          .result() == http::status::ok);
  FUZZ_CHECK(w.flow->call(w.holder, http::verb::post, base + "/approval/wet-signature").result() == http::status::ok);
  const std::string transitions = "/admin/v1/applications/" + id + "/transitions";
  admin(transitions, R"({"event": "wet_form_received"})");
  admin(transitions, R"({"event": "payment_recorded", "amount_kurus": )" +
                         std::to_string(body.at("fee").at("total").as_int64()) + "}");
  admin(transitions, R"({"event": "production_started"})");
  admin(transitions, R"({"event": "shipped"})");
  const auto listed = w.flow->call(w.holder, http::verb::get, "/api/v1/certificates");
  return std::string(nes::test::json_body(listed).at("certificates").at(0).at("serial").as_string());
}

World& world() {
  static World w = [] {
    World made;
    static nes::test::SmsInbox inbox;
    auto options = fuzz_options();
    options.sms_sink = inbox.sink();
    made.portal = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
    std::string detail;
    FUZZ_CHECK(!made.portal->start(&detail));
    made.flow = std::make_unique<nes::test::PortalFlow>(nes::test::PortalAddress{
        made.portal->port(), made.portal->gateway_port(), std::string(), made.portal->redirect_uri()});
    made.person = made.flow->login(std::string(applicant), nes::test::demo_password(std::string(applicant)));
    const auto submitted =
        made.flow->submit(made.person, nes::test::demo_form(std::string(applicant)), "fuzz-first-application-1");
    FUZZ_CHECK(submitted.result() == http::status::created);
    made.application_id = std::string(nes::test::json_body(submitted).at("id").as_string());
    made.officer = made.flow->login(std::string(officer), nes::test::demo_password(std::string(officer)));
    made.holder = made.flow->login(std::string(holder), nes::test::demo_password(std::string(holder)));
    made.serial = issued_certificate(made, inbox);
    // libFuzzer's -timeout is a SIGALRM each second; it would interrupt this
    // thread's blocking reads (EINTR). The portal's thread, started above
    // with the signal open, takes it instead: Asio and SQLite retry.
    sigset_t alarm;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm, nullptr);
    return made;
  }();
  return w;
}

std::string target_for(const Endpoint& endpoint, const World& w) {
  std::string target(endpoint.target);
  if (const auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, w.application_id);
  if (const auto at = target.find("{serial}"); at != std::string::npos) target.replace(at, 8, w.serial);
  return target;
}

// A refusal the portal means: problem+json with a code, never a server error.
void check_answer(const nes::test::Response& response) {
  const auto status = static_cast<unsigned>(response.result());
  FUZZ_CHECK(status >= 200 && status < 500);
  if (status < 400) return;
  FUZZ_CHECK(response[http::field::content_type] == "application/problem+json");
  boost::system::error_code ec;
  const auto body = boost::json::parse(response.body(), ec);
  FUZZ_CHECK(!ec && body.is_object());
  const auto* code = body.as_object().if_contains("code");
  FUZZ_CHECK(code != nullptr && code->is_string() && !code->as_string().empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  World& w = world();
  const Endpoint& endpoint = endpoints[data[0] % endpoints.size()];
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string target = target_for(endpoint, w);
  const std::string content_type(endpoint.content_type);
  nes::test::Response response;
  if (endpoint.server == Server::gateway) {
    response = w.flow->gateway().request(http::verb::post, target, body, content_type);
  } else if (endpoint.caller == Caller::applicant || endpoint.caller == Caller::officer ||
             endpoint.caller == Caller::holder) {
    // A fresh key each time: the same key with another body is a conflict.
    const nes::test::TestClient::Headers key{{"Idempotency-Key", "fuzz-request-" + std::to_string(++w.requests)}};
    const auto& who = endpoint.caller == Caller::officer  ? w.officer
                      : endpoint.caller == Caller::holder ? w.holder
                                                          : w.person;
    response = w.flow->call(who, http::verb::post, target, body, content_type, key);
  } else {
    nes::test::TestClient::Headers headers;
    if (endpoint.caller == Caller::admin) {
      headers.emplace_back(http::field::authorization, "Bearer " + std::string(admin_token));
    }
    response = w.flow->portal().request(http::verb::post, target, body, content_type, headers);
  }
  check_answer(response);
  return 0;
}
