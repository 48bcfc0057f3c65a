#include "flow_fixture.hpp"

#include <boost/json/parse.hpp>

#include <random>

namespace nes::test {

namespace {

constexpr std::string_view admin_token = "admin-token-for-client-tests";

}  // namespace

LogSink LogCapture::sink() {
  return [this](LogLevel level, std::string_view line) {
    const std::lock_guard lock(mutex_);
    text_ += std::string(to_string(level)) + " " + std::string(line) + "\n";
  };
}

std::string LogCapture::text() const {
  const std::lock_guard lock(mutex_);
  return text_;
}

ClientFixture::ClientFixture() : work_(io_.get_executor()) {
  applicants_ = make_applicants(8, 500000);
  directory_ = std::filesystem::temp_directory_path() /
               ("nes-client-test-" + std::to_string(std::random_device{}()) + std::to_string(::getpid()));
  std::filesystem::create_directories(directory_);
  write_registry(directory_ / "registry.json", applicants_);
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
}

ClientFixture::~ClientFixture() {
  client_.reset();
  work_.reset();
  for (auto& t : threads_) t.join();
  portal_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void ClientFixture::use_applicants(std::size_t count, std::uint32_t first_serial) {
  applicants_ = make_applicants(count, first_serial);
  write_registry(directory_ / "registry.json", applicants_);
}

void ClientFixture::start(portal::PortalOptions options) {
  if (!demo_registry_) options.registry = directory_ / "registry.json";
  options.sms_sink = inbox_.sink();
  options.email_sink = email_.sink();
  options.admin_token = SecretString(admin_token);
  client_.reset();
  portal_.reset();
  portal_ = std::make_unique<portal::ReferencePortal>(std::move(options));
  std::string detail;
  ASSERT_FALSE(portal_->start(&detail)) << detail;
  error_code ec;
  client_ = Client::create(io_.get_executor(), client_options(), ec, &detail);
  ASSERT_TRUE(client_) << detail;
}

TimestampClient ClientFixture::timestamps(std::uint64_t customer, std::string password) {
  error_code ec;
  auto transport = make_https_transport(io_.get_executor(), client_options(), ec);
  EXPECT_TRUE(transport) << ec.message();
  TimestampService service(portal_->timestamp_url(), customer, SecretString(password));
  service.trust_anchors_pem = {portal_->timestamp_ca_pem()};
  secure_wipe(password.data(), password.size());
  return {std::move(transport), std::move(service)};
}

ClientOptions ClientFixture::client_options() {
  ClientOptions o;
  o.portal_url = portal_->base_url();
  o.tls.use_system_store = false;
  o.tls.extra_ca_pem = {portal_->ca_certificate_pem()};
  o.proxy.from_environment = false;
  o.log = logs_.sink();
  o.log_level = LogLevel::trace;
  o.retry.initial_backoff = std::chrono::milliseconds(20);
  o.retry.max_backoff = std::chrono::milliseconds(200);
  o.retry.max_attempts = 6;
  return o;
}

Session ClientFixture::login(const Applicant& who) {
  Credentials credentials{SecretString(who.tckn), SecretString(who.password)};
  auto [ec, session] = client_->async_login(std::move(credentials), as_future).get();
  if (ec || !session) throw std::runtime_error("login failed: " + ec.message());
  return std::move(session).value();
}

std::vector<std::string> ClientFixture::notices_of(Session& session, const std::string& institution) {
  auto [ec, catalogue] = session.async_institutions(as_future).get();
  if (ec) throw std::runtime_error("no catalogue: " + ec.message());
  for (const auto& i : catalogue.value()) {
    if (i.id != institution) continue;
    std::vector<std::string> ids;
    for (const auto& n : i.notices) ids.push_back(n.id);
    return ids;
  }
  throw std::runtime_error("no institution " + institution);
}

ApplicationInfo ClientFixture::apply_to_verified_code(const Applicant& who) {
  return verified_application(who).info().value();
}

Application ClientFixture::verified_application(const Applicant& who) { return verified_application(who, who.form()); }

Application ClientFixture::verified_application(const Applicant& who, const ApplicationForm& form) {
  Session session = login(who);
  Application application(session, form);
  auto [ec, submitted] = application.async_submit(notices_of(session, who.institution), as_future).get();
  if (ec) throw std::runtime_error("submit failed: " + ec.message());
  OtpVerifier otp(application);
  auto [vec, verified] = otp.async_verify(SecretString(inbox_.code_for(submitted->id)), as_future).get();
  if (vec) throw std::runtime_error("verify failed: " + vec.message());
  return application;
}

std::vector<AdminView> ClientFixture::admin_applications() {
  error_code ec;
  auto options = client_options();
  options.log = {};
  auto transport = make_https_transport(io_.get_executor(), options, ec);
  HttpRequest request;
  request.url = portal_->base_url() + "/admin/v1/applications";
  request.headers = {{"Authorization", "Bearer " + std::string(admin_token)}};
  request.idempotent = true;
  auto [sent, response] = transport->async_send(std::move(request), as_future).get();
  if (sent || response.status != 200) throw std::runtime_error("admin API: " + sent.message());
  std::vector<AdminView> list;
  const auto body = boost::json::parse(response.body.reveal());
  for (const auto& a : body.at("applications").as_array()) {
    list.push_back({std::string(a.at("id").as_string()), std::string(a.at("status").as_string()),
                    std::string(a.at("form").at("identity").at("tckn").as_string())});
  }
  return list;
}

void ClientFixture::admin_transition(const std::string& application_id, const std::string& event) {
  admin_event(application_id, R"({"event":")" + event + R"("})");
}

void ClientFixture::admin_payment(const std::string& application_id, std::int64_t amount_kurus) {
  admin_event(application_id, R"({"event":"payment_recorded","amount_kurus":)" + std::to_string(amount_kurus) + "}");
}

void ClientFixture::admin_event(const std::string& application_id, const std::string& body) {
  error_code ec;
  auto options = client_options();
  options.log = {};
  auto transport = make_https_transport(io_.get_executor(), options, ec);
  HttpRequest request;
  request.method = "POST";
  request.url = portal_->base_url() + "/admin/v1/applications/" + application_id + "/transitions";
  request.headers = {{"Authorization", "Bearer " + std::string(admin_token)}, {"Content-Type", "application/json"}};
  request.body = SecretString(body);
  auto [sent, response] = transport->async_send(std::move(request), as_future).get();
  if (sent || response.status != 200) {
    throw std::runtime_error("admin transition " + body + ": " + sent.message() + " " +
                             std::string(response.body.reveal()));
  }
}

}  // namespace nes::test
