// The SDK's HTTPS transport against the reference portal over real TLS on
// loopback: completion styles, TLS refusals with their own errors, the SPKI
// pin, connection reuse and session resumption, retries, cancellation.

#include "portal/pki/test_pki.hpp"

#include <nes/portal/reference_portal.hpp>
#include "net/pipeline.hpp"

#include <nes/transport.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace pki = nes::portal::pki;
using ::testing::HasSubstr;
using ::testing::Not;

class Logs {
 public:
  nes::LogSink sink() {
    return [this](nes::LogLevel, std::string_view line) {
      const std::lock_guard lock(mutex_);
      text_ += std::string(line) + "\n";
    };
  }
  std::string text() {
    const std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
};

// An io_context on a thread for the transport, and a portal to talk to.
class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override { start_portal({}); }
  void TearDown() override {
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  void start_portal(nes::portal::PortalOptions options) {
    portal_ = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
    std::string detail;
    ASSERT_FALSE(portal_->start(&detail)) << detail;
  }

  nes::ClientOptions options() {
    nes::ClientOptions o;
    o.portal_url = portal_->base_url();
    o.tls.use_system_store = false;
    o.tls.extra_ca_pem = {portal_->ca_certificate_pem()};
    o.log = logs_.sink();
    o.log_level = nes::LogLevel::trace;
    return o;
  }

  std::shared_ptr<nes::Transport> transport(const nes::ClientOptions& o) {
    nes::error_code ec;
    std::string detail;
    auto t = nes::make_https_transport(io_.get_executor(), o, ec, &detail);
    EXPECT_FALSE(ec) << detail;
    if (!thread_.joinable()) thread_ = std::thread([this] { io_.run(); });
    return t;
  }

  // `count` GETs of `url` at once; their answers, in order.
  std::vector<std::pair<nes::error_code, nes::HttpResponse>> get_at_once(nes::Transport& t, const std::string& url,
                                                                         int count) {
    std::vector<std::future<std::pair<nes::error_code, nes::HttpResponse>>> futures;
    for (int i = 0; i < count; ++i) {
      futures.push_back(t.async_send(
          nes::HttpRequest{.url = url, .idempotent = true},
          asio::use_future([](nes::error_code ec, nes::HttpResponse r) { return std::make_pair(ec, std::move(r)); })));
    }
    std::vector<std::pair<nes::error_code, nes::HttpResponse>> answers;
    for (auto& future : futures) answers.push_back(future.get());
    return answers;
  }

  // Blocks on a future: the simplest completion style.
  std::pair<nes::error_code, nes::HttpResponse> get(nes::Transport& t, const std::string& url) {
    auto future = t.async_send(
        nes::HttpRequest{.url = url, .idempotent = true},
        asio::use_future([](nes::error_code ec, nes::HttpResponse r) { return std::make_pair(ec, std::move(r)); }));
    return future.get();
  }

  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_{io_.get_executor()};
  std::thread thread_;
  std::unique_ptr<nes::portal::ReferencePortal> portal_;
  Logs logs_;
};

TEST_F(TransportTest, CallbacksFuturesAndCoroutinesAllWork) {
  auto t = transport(options());
  const std::string url = portal_->base_url() + "/api/v1/info";

  std::promise<int> by_callback;
  t->async_send(nes::HttpRequest{.url = url},
                [&](nes::error_code ec, nes::HttpResponse r) { by_callback.set_value(ec ? -1 : r.status); });
  EXPECT_EQ(by_callback.get_future().get(), 200);

  const auto [ec, response] = get(*t, url);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_THAT(std::string(response.body.reveal()), HasSubstr("protocol_version"));

  std::promise<int> by_coroutine;
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        // Named first: GCC 12 corrupts a brace-initialised temporary used as
        // an argument inside co_await (docs/adr/0002-async-model.md).
        nes::HttpRequest request{.url = url};
        auto r = co_await t->async_send(std::move(request), asio::use_awaitable);
        by_coroutine.set_value(r.status);
      },
      asio::detached);
  EXPECT_EQ(by_coroutine.get_future().get(), 200);
}

TEST_F(TransportTest, AnUnknownCaIsRefused) {
  auto o = options();
  o.tls.extra_ca_pem.clear();
  auto t = transport(o);
  EXPECT_EQ(get(*t, portal_->base_url() + "/api/v1/info").first, nes::errc::certificate_untrusted);
}

TEST_F(TransportTest, AWrongHostNameIsRefused) {
  auto o = options();
  const std::string authority = "wrong.example:" + std::to_string(portal_->port());
  o.resolve[authority] = "127.0.0.1";  // reach the portal under a name its certificate does not have
  auto t = transport(o);
  EXPECT_EQ(get(*t, "https://" + authority + "/api/v1/info").first, nes::errc::host_name_mismatch);
  // The name it has is fine.
  EXPECT_FALSE(get(*t, "https://localhost:" + std::to_string(portal_->port()) + "/api/v1/info").first);
}

TEST_F(TransportTest, AnExpiredCertificateIsRefused) {
  const auto ca = pki::make_ca({.common_name = "TEST CA", .certificate_authority = true});
  const auto expired = pki::issue(ca, {.common_name = "localhost",
                                       .dns_names = {"localhost"},
                                       .ip_addresses = {"127.0.0.1"},
                                       .server_auth = true,
                                       .not_before = std::chrono::hours(-48),
                                       .not_after = std::chrono::hours(-24)});
  const auto dir = std::filesystem::temp_directory_path() / ("nes-expired-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << expired.certificate_pem;
  std::ofstream(dir / "key.pem") << expired.private_key_pem.reveal();
  start_portal({.tls_certificate = dir / "cert.pem", .tls_private_key = dir / "key.pem"});
  auto o = options();
  o.tls.extra_ca_pem = {ca.certificate_pem};
  auto t = transport(o);
  EXPECT_EQ(get(*t, portal_->base_url() + "/api/v1/info").first, nes::errc::certificate_expired);
  std::filesystem::remove_all(dir);
}

TEST_F(TransportTest, AServerOfferingOnlyTls11IsRefused) {
  // A bare TLS server that speaks nothing newer than TLS 1.1.
  const auto pki_pair = pki::make_localhost_server_pki();
  asio::io_context server_io;
  asio::ssl::context context(asio::ssl::context::tls_server);
  SSL_CTX_set_security_level(context.native_handle(), 0);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_cipher_list(context.native_handle(), "DEFAULT@SECLEVEL=0");
  context.use_certificate_chain(asio::buffer(pki_pair.server.certificate_pem));
  const auto key = pki_pair.server.private_key_pem.reveal();
  context.use_private_key(asio::buffer(key.data(), key.size()), asio::ssl::context::pem);
  asio::ip::tcp::acceptor acceptor(server_io, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::thread server([&] {
    asio::ssl::stream<asio::ip::tcp::socket> stream(server_io, context);
    acceptor.accept(stream.next_layer());
    boost::system::error_code ignored;
    stream.handshake(asio::ssl::stream_base::server, ignored);
  });
  auto o = options();
  o.tls.extra_ca_pem = {pki_pair.ca.certificate_pem};
  auto t = transport(o);
  EXPECT_EQ(get(*t, "https://localhost:" + std::to_string(port) + "/").first, nes::errc::tls_version_refused);
  server.join();
}

std::string spki_pin(const std::string& certificate_pem) {
  BIO* bio = BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  unsigned char digest[32];
  EVP_Digest(der, static_cast<std::size_t>(size), digest, nullptr, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  X509_free(cert);
  BIO_free(bio);
  std::string out(44, '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest, 32);
  return out;
}

TEST_F(TransportTest, TheSpkiPinIsChecked) {
  const auto pki_pair = pki::make_localhost_server_pki();
  const auto dir = std::filesystem::temp_directory_path() / ("nes-pin-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << pki_pair.server.certificate_pem;
  std::ofstream(dir / "key.pem") << pki_pair.server.private_key_pem.reveal();
  start_portal({.tls_certificate = dir / "cert.pem", .tls_private_key = dir / "key.pem"});
  auto o = options();
  o.tls.extra_ca_pem = {pki_pair.ca.certificate_pem};
  o.tls.spki_sha256_pin = spki_pin(pki_pair.server.certificate_pem);
  EXPECT_FALSE(get(*transport(o), portal_->base_url() + "/api/v1/info").first);
  o.tls.spki_sha256_pin = spki_pin(pki_pair.ca.certificate_pem);  // a valid pin, of another key
  EXPECT_EQ(get(*transport(o), portal_->base_url() + "/api/v1/info").first, nes::errc::pin_mismatch);
  o.tls.spki_sha256_pin = "not base64";
  nes::error_code ec;
  std::string detail;
  EXPECT_FALSE(nes::make_https_transport(io_.get_executor(), o, ec, &detail));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("SPKI"));
  std::filesystem::remove_all(dir);
}

TEST_F(TransportTest, ConnectionsAreReusedAndTlsSessionsResumed) {
  auto t = transport(options());
  const std::string url = portal_->base_url() + "/api/v1/info";
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(get(*t, url).first);
  const auto log = logs_.text();
  std::size_t connects = 0;
  for (auto at = log.find("connected to"); at != std::string::npos; at = log.find("connected to", at + 1)) ++connects;
  EXPECT_EQ(connects, 1U) << log;  // one connection served all three

  auto fresh = options();
  fresh.timeouts.idle = std::chrono::milliseconds(0);  // no reuse: every exchange connects anew
  auto t2 = transport(fresh);
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(get(*t2, url).first);
  EXPECT_THAT(logs_.text(), HasSubstr("session resumed"));
}

TEST_F(TransportTest, ConcurrentFirstConnectionsToAHostWaitForTheFirstOnesTlsSession) {
  // Eight exchanges at once on a new transport: the first connection
  // handshakes alone; the others wait for its session and offer it. (The
  // server decides whether it resumes each.)
  auto o = options();
  o.max_connections_per_host = 8;
  auto t = transport(o);
  const std::string url = portal_->base_url() + "/api/v1/info";
  for (const auto& [ec, response] : get_at_once(*t, url, 8)) {
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(response.status, 200);
  }
  const auto log = logs_.text();
  auto count = [&](std::string_view what) {
    std::size_t n = 0;
    for (auto at = log.find(what); at != std::string::npos; at = log.find(what, at + 1)) ++n;
    return n;
  };
  const std::size_t connections = count("connected to");
  ASSERT_GE(connections, 2U) << log;
  // The first handshake came before any wait ended; every later connection
  // waited for it.
  EXPECT_LT(log.find(", new session"), log.find("waited for the first connection")) << log;
  EXPECT_EQ(count("waited for the first connection"), connections - 1) << log;
  EXPECT_GE(count(", session resumed"), 1U) << log;
}

// A bare HTTPS server that gives no TLS session to resume (no tickets, no
// cache) and answers every request "ok" after `delay`.
class SessionlessServer {
 public:
  SessionlessServer(const std::string& certificate_pem, std::string_view key_pem, std::chrono::milliseconds delay)
      : delay_(delay) {
    context_.use_certificate_chain(asio::buffer(certificate_pem));
    context_.use_private_key(asio::buffer(key_pem.data(), key_pem.size()), asio::ssl::context::pem);
    SSL_CTX* ctx = context_.native_handle();
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    asio::co_spawn(io_, accept(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  SessionlessServer(const SessionlessServer&) = delete;
  SessionlessServer& operator=(const SessionlessServer&) = delete;
  ~SessionlessServer() {
    io_.stop();
    thread_.join();
  }
  [[nodiscard]] unsigned short port() const { return port_; }

 private:
  asio::awaitable<void> accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
  }
  asio::awaitable<void> serve(asio::ip::tcp::socket socket) {
    asio::ssl::stream<asio::ip::tcp::socket> stream(std::move(socket), context_);
    auto [handshake] =
        co_await stream.async_handshake(asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    if (handshake) co_return;
    std::string buffer;
    for (;;) {
      auto [ec, size] = co_await asio::async_read_until(stream, asio::dynamic_buffer(buffer), "\r\n\r\n",
                                                        asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      buffer.erase(0, size);
      asio::steady_timer pause(io_, delay_);
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      static const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
      auto [write_error, written] =
          co_await asio::async_write(stream, asio::buffer(answer), asio::as_tuple(asio::use_awaitable));
      if (write_error) co_return;
    }
  }

  std::chrono::milliseconds delay_;
  asio::io_context io_;
  asio::ssl::context context_{asio::ssl::context::tls_server};
  asio::ip::tcp::acceptor acceptor_{io_, {asio::ip::make_address("127.0.0.1"), 0}};
  unsigned short port_ = acceptor_.local_endpoint().port();
  std::thread thread_;
};

TEST_F(TransportTest, AHostThatGivesNoTlsSessionIsNotWaitedForAgain) {
  const auto pki_pair = pki::make_localhost_server_pki();
  SessionlessServer server(pki_pair.server.certificate_pem, pki_pair.server.private_key_pem.reveal(),
                           std::chrono::milliseconds(100));
  auto o = options();
  o.tls.extra_ca_pem = {pki_pair.ca.certificate_pem};
  o.max_connections_per_host = 4;
  o.timeouts.idle = std::chrono::milliseconds(0);  // no reuse: every batch connects anew
  auto t = transport(o);
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/";
  auto batch = [&] {
    for (const auto& [ec, response] : get_at_once(*t, url, 4)) {
      ASSERT_FALSE(ec) << ec.message();
      EXPECT_EQ(response.body.reveal(), "ok");
    }
  };
  auto waits = [&] {
    const auto log = logs_.text();
    std::size_t n = 0;
    for (auto at = log.find("waited for the first connection"); at != std::string::npos;
         at = log.find("waited for the first connection", at + 1)) {
      ++n;
    }
    return n;
  };
  // The first batch waits for its first connection, which brings no session;
  // the second connects at once.
  batch();
  EXPECT_EQ(waits(), 3U) << logs_.text();
  batch();
  EXPECT_EQ(waits(), 3U) << logs_.text();
  EXPECT_THAT(logs_.text(), Not(HasSubstr("session resumed")));
}

// The policies above the transport (net::Pipeline), over the SDK's own.
asio::awaitable<std::pair<nes::error_code, nes::HttpResponse>> through(nes::net::Pipeline& pipeline,
                                                                       nes::HttpRequest request) {
  auto url = nes::net::Url::parse(request.url).value();
  auto sent = co_await pipeline.send(std::move(request), std::move(url));
  co_return std::pair(sent.ec, std::move(sent.response));
}

TEST_F(TransportTest, OneAttemptPerRequestAndThePipelineRetriesOnlyWhatIsSafeToRepeat) {
  start_portal({.faults = {.seed = 3, .unavailable_rate = 0.6, .retry_after_seconds = 0}});
  auto o = options();
  o.retry = {
      .max_attempts = 10, .initial_backoff = std::chrono::milliseconds(1), .max_backoff = std::chrono::milliseconds(5)};
  auto t = transport(o);
  // The transport alone: one attempt, a 503 is an answer like any other.
  int unavailable_alone = 0;
  for (int i = 0; i < 10; ++i) unavailable_alone += get(*t, portal_->base_url() + "/api/v1/info").second.status == 503;
  EXPECT_GT(unavailable_alone, 0);
  EXPECT_THAT(logs_.text(), ::testing::Not(HasSubstr("retrying")));

  nes::net::Pipeline pipeline(t, o);
  for (int i = 0; i < 10; ++i) {
    nes::HttpRequest request{.url = portal_->base_url() + "/api/v1/info", .idempotent = true};
    const auto [ec, r] = asio::co_spawn(io_, through(pipeline, std::move(request)), asio::use_future).get();
    ASSERT_FALSE(ec);
    EXPECT_EQ(r.status, 200);
  }
  EXPECT_THAT(logs_.text(), HasSubstr("retrying GET"));
  int unavailable = 0;
  for (int i = 0; i < 10; ++i) {
    nes::HttpRequest post{.method = "POST",
                          .url = portal_->base_url() + "/api/v1/debt-inquiries",
                          .headers = {{"Content-Type", "application/json"}},
                          .body = nes::SecretString(R"({"tckn": "10000000146"})")};
    const auto [ec, r] = asio::co_spawn(io_, through(pipeline, std::move(post)), asio::use_future).get();
    if (!ec && r.status == 503) ++unavailable;
  }
  EXPECT_GT(unavailable, 0);  // a POST without a key is never sent twice
}

TEST_F(TransportTest, ACancelledExchangeEndsWithOperationAbortedAndTheTransportGoesOn) {
  start_portal({.faults = {.seed = 1, .latency_rate = 1.0, .latency_ms = 3000}});
  auto t = transport(options());
  asio::cancellation_signal cancel;
  std::promise<nes::error_code> done;
  t->async_send(
      nes::HttpRequest{.url = portal_->base_url() + "/api/v1/info"},
      asio::bind_cancellation_slot(cancel.slot(), [&](nes::error_code ec, nes::HttpResponse) { done.set_value(ec); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  asio::post(io_, [&] { cancel.emit(asio::cancellation_type::terminal); });
  auto future = done.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  EXPECT_EQ(future.get(), asio::error::operation_aborted);
  // Not the gateway: /oauth2 has no latency.
  const auto [ec, r] = get(*t, "https://localhost:" + std::to_string(portal_->gateway_port()) + "/oauth2/token");
  EXPECT_FALSE(ec);
  EXPECT_EQ(r.status, 405);
}

TEST_F(TransportTest, ThePipelinesTraceLogIsRedacted) {
  auto o = options();
  auto t = transport(o);
  nes::net::Pipeline pipeline(t, o);
  nes::HttpRequest post{.method = "POST",
                        .url = portal_->base_url() + "/api/v1/debt-inquiries",
                        .headers = {{"Content-Type", "application/json"}, {"Cookie", "nes_session=s3cr3t-cookie"}},
                        .body = nes::SecretString(R"({"tckn": "10000000146"})")};
  const auto [ec, r] = asio::co_spawn(io_, through(pipeline, std::move(post)), asio::use_future).get();
  EXPECT_FALSE(ec);
  const auto log = logs_.text();
  EXPECT_THAT(log, HasSubstr("> POST"));
  EXPECT_THAT(log, HasSubstr("tckn_masked"));  // the answer's allow-listed member is shown
  EXPECT_THAT(log, ::testing::Not(HasSubstr("10000000146")));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("s3cr3t-cookie")));
}

// A minimal HTTP CONNECT proxy for one tunnel at a time: it answers
// `answer`, and on 200 relays bytes both ways until either side closes.
class ConnectProxy {
 public:
  explicit ConnectProxy(std::string answer) : answer_(std::move(answer)) {
    thread_ = std::thread([this] { serve(); });
  }
  ~ConnectProxy() {
    // A blocked accept() does not notice a close from another thread: wake
    // it with a connection of our own.
    stopping_ = true;
    boost::system::error_code ignored;
    asio::ip::tcp::socket wake(io_);
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string requests() {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    for (;;) {
      asio::ip::tcp::socket client(io_);
      boost::system::error_code ec;
      acceptor_.accept(client, ec);
      if (ec || stopping_) return;
      asio::streambuf head;
      asio::read_until(client, head, "\r\n\r\n", ec);
      if (ec) continue;
      std::string text(asio::buffers_begin(head.data()), asio::buffers_end(head.data()));
      {
        const std::lock_guard lock(mutex_);
        requests_ += text.substr(0, text.find("\r\n")) + "\n";
      }
      asio::write(client, asio::buffer(answer_), ec);
      if (!answer_.starts_with("HTTP/1.1 200")) continue;
      const auto target = text.substr(8, text.find(' ', 8) - 8);  // "CONNECT host:port HTTP/1.1"
      const auto colon = target.rfind(':');
      asio::ip::tcp::socket upstream(io_);
      upstream.connect(
          {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(target.substr(colon + 1)))}, ec);
      if (ec) continue;
      auto pump = [](asio::ip::tcp::socket& from, asio::ip::tcp::socket& to) {
        std::array<char, 16384> buf{};
        boost::system::error_code e;
        for (;;) {
          const auto n = from.read_some(asio::buffer(buf), e);
          if (e) break;
          asio::write(to, asio::buffer(buf.data(), n), e);
          if (e) break;
        }
        to.shutdown(asio::ip::tcp::socket::shutdown_send, e);
      };
      std::thread back([&] { pump(upstream, client); });
      pump(client, upstream);
      // The client is done: end the tunnel without waiting for the server's
      // TLS close (shutdown wakes the other thread's blocked read).
      upstream.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      back.join();
    }
  }

  std::string answer_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_{io_, {asio::ip::make_address("127.0.0.1"), 0}};
  std::mutex mutex_;
  std::string requests_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

TEST_F(TransportTest, AnHttpsProxyCarriesTheConnectionThroughConnect) {
  ConnectProxy proxy("HTTP/1.1 200 Connection established\r\n\r\n");
  auto o = options();
  o.proxy = {.from_environment = false,
             .https_proxy = "http://tester:secret@127.0.0.1:" + std::to_string(proxy.port())};
  o.timeouts.idle = std::chrono::milliseconds(0);  // one tunnel per exchange, so the proxy sees each
  auto t = transport(o);
  const auto [ec, r] = get(*t, portal_->base_url() + "/api/v1/info");
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(proxy.requests(), "CONNECT 127.0.0.1:" + std::to_string(portal_->port()) + " HTTP/1.1\n");
  EXPECT_THAT(logs_.text(), HasSubstr("through the proxy"));
  EXPECT_THAT(logs_.text(), ::testing::Not(HasSubstr("secret")));

  // NO_PROXY: straight to the portal.
  o.proxy.no_proxy = "127.0.0.1";
  EXPECT_FALSE(get(*transport(o), portal_->base_url() + "/api/v1/info").first);
  EXPECT_EQ(proxy.requests(), "CONNECT 127.0.0.1:" + std::to_string(portal_->port()) + " HTTP/1.1\n");
}

TEST_F(TransportTest, AProxyThatRefusesTheTunnelIsProxyFailed) {
  ConnectProxy proxy("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
  auto o = options();
  o.proxy = {.from_environment = false, .https_proxy = "127.0.0.1:" + std::to_string(proxy.port())};
  EXPECT_EQ(get(*transport(o), portal_->base_url() + "/api/v1/info").first, nes::errc::proxy_failed);
}

}  // namespace

namespace {

TEST(TransportArguments, AnUnknownMethodOrARelativeUrlIsInvalid) {
  asio::io_context io;
  nes::error_code ec;
  auto t = nes::make_https_transport(io.get_executor(), {}, ec);
  ASSERT_TRUE(t);
  std::vector<nes::error_code> seen;
  for (const auto& [method, url] : std::vector<std::pair<std::string, std::string>>{
           {"FROB", "https://localhost/"}, {"GET", "/relative"}, {"GET", "ftp://x/"}}) {
    t->async_send(nes::HttpRequest{.method = method, .url = url},
                  [&](nes::error_code e, nes::HttpResponse) { seen.push_back(e); });
  }
  io.run();
  EXPECT_THAT(seen, ::testing::Each(nes::error_code(nes::errc::invalid_argument)));
  EXPECT_EQ(seen.size(), 3U);
}

TEST(TransportArguments, AHeaderThatWouldStartAnotherIsRefusedBeforeAnyConnection) {
  asio::io_context io;
  nes::error_code ec;
  auto t = nes::make_https_transport(io.get_executor(), {}, ec);
  ASSERT_TRUE(t);
  // No server listens on port 9: a connection attempt would fail as connection_failed.
  std::vector<nes::error_code> seen;
  for (const auto& header : std::vector<nes::HttpHeader>{
           {"X-CSRF-Token", "t\r\nX-Admin: yes"}, {"Bad Name", "v"}, {"Content-Length", "0"}}) {
    t->async_send(nes::HttpRequest{.url = "https://127.0.0.1:9/", .headers = {header}},
                  [&](nes::error_code e, nes::HttpResponse) { seen.push_back(e); });
  }
  io.run();
  EXPECT_THAT(seen, ::testing::Each(nes::error_code(nes::errc::invalid_argument)));
  EXPECT_EQ(seen.size(), 3U);
}

}  // namespace
