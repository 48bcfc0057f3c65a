#include "demo_world.hpp"

#include <chrono>
#include <stdexcept>

namespace nes::demo {

portal::SmsSink SmsBox::sink() {
  return [this](const portal::SmsMessage& message) {
    {
      const std::lock_guard lock(mutex_);
      codes_.insert_or_assign(message.application, message.code);
    }
    arrived_.notify_all();
  };
}

std::optional<SecretString> SmsBox::code_for(const std::string& application) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return codes_.count(application) != 0; })) {
    return std::nullopt;
  }
  auto code = std::move(codes_.at(application));
  codes_.erase(application);
  return code;
}

std::unique_ptr<World> make_world(boost::asio::io_context& io, const std::filesystem::path& directory,
                                  const std::string& holder_tckn, const std::string& holder_name) {
  auto world = std::make_unique<World>();
  world->token = test::make_softhsm_token(directory / "token", holder_tckn, holder_name, "NES DEMO");
  const test::TokenIssuer same_ca{.ca_certificate_pem = world->token.ca_pem,
                                  .ca_private_key_pem = world->token.ca_key_pem,
                                  .beside_existing = true};
  world->officer_token =
      test::make_softhsm_token(directory / "token", "67746370606", "HAKAN AYDIN", "NES YETKILI", same_ca);
  world->staff_token =
      test::make_softhsm_token(directory / "token", "53304452938", "ELIF KAYA", "NES PERSONEL", same_ca);

  portal::PortalOptions options;  // the demo registry, catalogue and fee table
  options.sms_sink = world->sms.sink();
  options.email_sink = [w = world.get()](const portal::EmailMessage& message) {
    const std::lock_guard lock(w->mails_mutex);
    w->mails.insert_or_assign(message.request, message.access_code);
  };
  options.trust_ca_pem = {world->token.ca_pem};
  // BTK's long-term profile with OCSP: the portal answers OCSP for the demo CA too.
  options.signature.profile = "P4";
  options.certificate_status.ca_certificate_pem = world->token.ca_pem;
  options.certificate_status.ca_private_key_pem = world->token.ca_key_pem;
  world->portal = std::make_unique<portal::ReferencePortal>(std::move(options));
  std::string detail;
  if (world->portal->start(&detail)) throw std::runtime_error("the reference portal did not start: " + detail);

  ClientOptions client;
  client.portal_url = world->portal->base_url();
  client.tls.use_system_store = false;
  client.tls.extra_ca_pem = {world->portal->ca_certificate_pem()};
  client.proxy.from_environment = false;
  error_code ec;
  world->client = Client::create(io.get_executor(), client, ec, &detail);
  if (!world->client) throw std::runtime_error("no client: " + detail);
  world->journal = Journal::open(directory / "journal.db", ec, &detail);
  if (!world->journal) throw std::runtime_error("no journal: " + detail);
  auto transport = make_https_transport(io.get_executor(), client, ec, &detail);
  if (!transport) throw std::runtime_error("no transport for the time stamps: " + detail);
  // The demo subscriber of examples/portal/tsa-subscribers.json.
  TimestampService service(world->portal->timestamp_url(), 1000, SecretString("Demo-ZD-Parola-1"));
  service.trust_anchors_pem = {world->portal->timestamp_ca_pem()};
  world->timestamps.emplace(transport, std::move(service));
  // P4's validation data: the demo CA's and the TSA's status from the portal.
  world->validation_transport = std::move(transport);
  world->validation_sources.ca_certificates_pem = {world->token.ca_pem, world->portal->timestamp_ca_pem()};
  world->validation_sources.default_ocsp_url = world->portal->ocsp_url();
  return world;
}

}  // namespace nes::demo
