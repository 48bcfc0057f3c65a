// nes-client-load-floor: the third client of scripts/bench-client, a floor
// for what any client of the same flow costs. It does exactly what
// nes-client-load and the Python peer do (the same six HTTPS requests a
// flow over the same pooled, verified TLS connections, the same JSON read
// from every answer) with nothing around it: one epoll loop, non-blocking
// OpenSSL on the sockets, hand-rolled HTTP/1.1, a state machine a flow, and
// the cheapest handshakes (a host's other connections wait for its first
// one's TLS session and resume it). No retries, no deadlines, no redirects
// followed, no logging, no wiping: a client no one should ship, measured to
// show what the kernel and OpenSSL alone cost for this flow on this machine.
//
//   nes-client-load-floor run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL

#include "no_sdk_flow.hpp"
#include "outbox_reader.hpp"
#include "process_usage.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
constexpr std::size_t max_per_host = 64;  // as nes-client-load and the peer

using nes::test::cpu_time;
using nes::test::peak_rss_kib;
using nes::test::reset_peak_rss;

using nes::test::no_sdk::b64url;
using nes::test::no_sdk::encoded;
using nes::test::no_sdk::Person;
using nes::test::no_sdk::query_value;
using nes::test::no_sdk::random_b64url;
using nes::test::no_sdk::read_people;

struct Host {
  std::string name;  // for SNI and the certificate check
  sockaddr_in address{};
};

Host host_of(const boost::urls::url_view& url) {
  Host host;
  host.name = std::string(url.host());
  host.address.sin_family = AF_INET;
  host.address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(std::string(url.port()))));
  inet_pton(AF_INET, host.name == "localhost" ? "127.0.0.1" : host.name.c_str(), &host.address.sin_addr);
  return host;
}

// One HTTP/1.1 response, read whole (Content-Length bodies only: the
// portal and its gateway send no other).
struct Response {
  int status = 0;
  std::string head;
  std::string body;
  [[nodiscard]] std::string_view header(std::string_view name) const {
    for (std::size_t at = head.find("\r\n"); at != std::string::npos; at = head.find("\r\n", at + 2)) {
      const std::size_t end = std::min(head.find("\r\n", at + 2), head.size());
      const std::string_view line(head.data() + at + 2, end - at - 2);
      if (line.size() > name.size() && line[name.size()] == ':' &&
          std::equal(name.begin(), name.end(), line.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        std::string_view value = line.substr(name.size() + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return value;
      }
    }
    return {};
  }
};

class Loop;

struct Connection {
  Loop* loop = nullptr;
  int fd = -1;
  SSL* ssl = nullptr;
  std::size_t host = 0;
  enum class State { connecting, handshaking, idle, writing, reading } state = State::connecting;
  std::size_t flow = 0;
  std::string out;
  std::size_t written = 0;
  std::string in;
  std::size_t body_at = 0;
  std::size_t body_size = 0;
};

class Loop {
 public:
  Loop(SSL_CTX* ctx, std::vector<Host> hosts)
      : ctx_(ctx),
        hosts_(std::move(hosts)),
        waiting_(hosts_.size()),
        idle_(hosts_.size()),
        open_(hosts_.size()),
        sessions_(hosts_.size(), nullptr) {
    SSL_CTX_set_session_cache_mode(ctx_, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx_, &Loop::on_new_session);
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
  }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  ~Loop() {
    for (SSL_SESSION* s : sessions_) SSL_SESSION_free(s);
    for (auto& c : connections_) {
      SSL_free(c->ssl);
      close(c->fd);
    }
    close(epoll_);
  }

  // Sends `request` to host `host` for `flow`; `done(flow, response)` comes later.
  void send(std::size_t host, std::size_t flow, std::string request) {
    requests_[flow] = std::move(request);
    if (!idle_[host].empty()) {
      Connection* c = idle_[host].back();
      idle_[host].pop_back();
      start(*c, flow);
    } else if (open_[host] < may_open(host)) {
      ++open_[host];
      connect(host, flow);
    } else {
      waiting_[host].push_back(flow);
    }
  }

  template <class OnResponse>
  void run(OnResponse on_response, const std::size_t& unfinished) {
    std::array<epoll_event, 256> events{};
    while (unfinished > 0) {
      const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), -1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error("epoll_wait failed");
      for (int i = 0; i < n; ++i) {
        drive(*static_cast<Connection*>(events[static_cast<std::size_t>(i)].data.ptr), on_response);
      }
      // Connections given a request since: nothing arrives on them to wake them.
      while (!ready_.empty()) {
        Connection* c = ready_.back();
        ready_.pop_back();
        drive(*c, on_response);
      }
      open_for_waiting();
    }
  }

  std::map<std::size_t, std::string> requests_;

 private:
  void connect(std::size_t host, std::size_t flow) {
    auto owned = std::make_unique<Connection>();
    Connection& c = *owned;
    connections_.push_back(std::move(owned));
    c.host = host;
    c.flow = flow;
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::connect(c.fd, reinterpret_cast<const sockaddr*>(&hosts_[host].address), sizeof(sockaddr_in));
    c.ssl = SSL_new(ctx_);
    SSL_set_fd(c.ssl, c.fd);
    const std::string& name = hosts_[host].name;
    in_addr ip{};
    if (inet_pton(AF_INET, name.c_str(), &ip) == 1) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c.ssl), name.c_str());
    } else {
      // SNI; SSL_set_tlsext_host_name is this call behind a C-style cast.
      SSL_ctrl(c.ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
      SSL_set1_host(c.ssl, name.c_str());
    }
    c.loop = this;
    SSL_set_app_data(c.ssl, &c);
    if (sessions_[host] != nullptr) SSL_set_session(c.ssl, sessions_[host]);
    SSL_set_connect_state(c.ssl);
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLET;
    event.data.ptr = &c;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &event);
  }

  void start(Connection& c, std::size_t flow) {
    c.flow = flow;
    c.out = std::move(requests_[flow]);
    requests_.erase(flow);
    c.written = 0;
    c.in.clear();
    c.body_at = 0;
    c.state = Connection::State::writing;
    ready_.push_back(&c);
  }

  template <class OnResponse>
  void drive(Connection& c, OnResponse& on_response) {
    for (;;) {
      switch (c.state) {
        case Connection::State::connecting:
        case Connection::State::handshaking: {
          c.state = Connection::State::handshaking;
          const int r = SSL_do_handshake(c.ssl);
          if (r != 1) {
            const int e = SSL_get_error(c.ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
            throw std::runtime_error("TLS handshake failed");
          }
          if (SSL_session_reused(c.ssl) == 1) ++resumed;
          ++handshakes;
          start(c, c.flow);
          return;
        }
        case Connection::State::idle:
          return;
        case Connection::State::writing: {
          while (c.written < c.out.size()) {
            std::size_t n = 0;
            const int r = SSL_write_ex(c.ssl, c.out.data() + c.written, c.out.size() - c.written, &n);
            if (r != 1) {
              const int e = SSL_get_error(c.ssl, r);
              if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
              throw std::runtime_error("TLS write failed");
            }
            c.written += n;
          }
          c.state = Connection::State::reading;
          break;
        }
        case Connection::State::reading: {
          std::array<char, 16384> buffer{};
          std::size_t n = 0;
          const int r = SSL_read_ex(c.ssl, buffer.data(), buffer.size(), &n);
          if (r != 1) {
            const int e = SSL_get_error(c.ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
            throw std::runtime_error("TLS read failed");
          }
          c.in.append(buffer.data(), n);
          if (c.body_at == 0) {
            const auto end = c.in.find("\r\n\r\n");
            if (end == std::string::npos) continue;
            c.body_at = end + 4;
            Response probe;
            probe.head = c.in.substr(0, end);
            c.body_size = static_cast<std::size_t>(std::stoul(std::string(probe.header("Content-Length"))));
          }
          if (c.in.size() < c.body_at + c.body_size) continue;
          Response response;
          response.head = c.in.substr(0, c.body_at - 4);
          response.status = std::stoi(response.head.substr(9, 3));
          response.body = c.in.substr(c.body_at, c.body_size);
          const std::size_t flow = c.flow;
          release(c);
          on_response(flow, std::move(response));
          return;
        }
      }
    }
  }

  // Until a host's first connection has brought a TLS session (TLS 1.3
  // tickets come after the handshake), its other connections wait for it:
  // they resume it instead of each verifying the certificate chain.
  [[nodiscard]] std::size_t may_open(std::size_t host) const { return sessions_[host] == nullptr ? 1 : max_per_host; }
  void open_for_waiting() {
    for (std::size_t host = 0; host < hosts_.size(); ++host) {
      while (!waiting_[host].empty() && open_[host] < may_open(host)) {
        ++open_[host];
        const std::size_t flow = waiting_[host].front();
        waiting_[host].pop_front();
        connect(host, flow);
      }
    }
  }
  static int on_new_session(SSL* ssl, SSL_SESSION* session) {
    auto* c = static_cast<Connection*>(SSL_get_app_data(ssl));
    SSL_SESSION*& slot = c->loop->sessions_[c->host];
    if (slot != nullptr) SSL_SESSION_free(slot);
    slot = session;
    return 1;
  }

  // The connection serves the next flow waiting for its host, or waits.
  void release(Connection& c) {
    auto& queue = waiting_[c.host];
    if (!queue.empty()) {
      const std::size_t next = queue.front();
      queue.pop_front();
      start(c, next);
      return;
    }
    c.state = Connection::State::idle;
    idle_[c.host].push_back(&c);
  }

  SSL_CTX* ctx_;
  std::vector<Host> hosts_;
  int epoll_ = -1;
  std::vector<std::deque<std::size_t>> waiting_;
  std::vector<std::vector<Connection*>> idle_;
  std::vector<std::size_t> open_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> ready_;
  std::vector<SSL_SESSION*> sessions_;

 public:
  std::size_t handshakes = 0;
  std::size_t resumed = 0;
};

struct Flow {
  int step = 0;
  std::string verifier;
  std::string state;
  std::string cookies;  // the portal's, as a Cookie header value
  std::string gateway_cookies;
  std::string csrf;
  std::string application;
  Clock::time_point started;
  double seconds = -1;
};

std::string cookies_from(const Response& r, std::string cookies) {
  for (std::size_t at = r.head.find("\r\nSet-Cookie: "); at != std::string::npos;
       at = r.head.find("\r\nSet-Cookie: ", at + 2)) {
    const std::size_t from = at + 14;
    const std::size_t end = r.head.find_first_of(";\r", from);
    if (!cookies.empty()) cookies += "; ";
    cookies += r.head.substr(from, end - from);
  }
  return cookies;
}

int run(const std::string& portal_url, const std::string& ca_file, const std::string& outbox_file,
        const std::string& people_file) {
  const std::vector<Person> people = read_people(people_file);
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr) != 1) throw std::runtime_error("bad CA file");

  const auto portal = boost::urls::parse_absolute_uri(portal_url).value();
  std::vector<Host> hosts{host_of(portal)};
  const std::string portal_authority(portal.encoded_authority());

  // The portal's info once, before the clock starts (as the Python peer).
  json::value info;
  {
    Loop loop(ctx, hosts);
    std::size_t unfinished = 1;
    loop.send(0, 0, "GET /api/v1/info HTTP/1.1\r\nHost: " + portal_authority + "\r\n\r\n");
    loop.run(
        [&](std::size_t, Response r) {
          info = json::parse(r.body);
          --unfinished;
        },
        unfinished);
  }
  const auto& login = info.at("login");
  const std::string authorize_url(login.at("authorize_url").as_string());
  const std::string client_id(login.at("client_id").as_string());
  const std::string redirect_uri(login.at("redirect_uri").as_string());
  const auto authorize = boost::urls::parse_absolute_uri(authorize_url).value();
  hosts.push_back(host_of(authorize));
  const std::string gateway_authority(authorize.encoded_authority());
  const std::string authorize_path(authorize.encoded_path());

  nes::test::OutboxReader outbox(outbox_file);
  std::vector<Flow> flows(people.size());
  std::size_t unfinished = people.size();
  std::size_t failed = 0;
  Loop loop(ctx, hosts);
  constexpr std::size_t portal_host = 0;
  constexpr std::size_t gateway_host = 1;

  auto portal_request = [&](const char* method, const std::string& target, const Flow& f, const std::string& body,
                            const std::string& extra) {
    std::string r = std::string(method) + " " + target + " HTTP/1.1\r\nHost: " + portal_authority +
                    "\r\nAccept: application/json\r\n";
    if (!f.cookies.empty()) r += "Cookie: " + f.cookies + "\r\n";
    r += extra;
    if (!body.empty()) r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    return r + "\r\n" + body;
  };

  auto fail = [&](std::size_t i, const std::string& why) {
    if (failed++ == 0) std::cerr << "first failure: " << why << "\n";
    flows[i].step = -1;
    --unfinished;
  };

  // Each answer moves its flow one step on, and sends the next request.
  auto on_response = [&](std::size_t i, Response r) {
    Flow& f = flows[i];
    const Person& who = people[i];
    switch (f.step++) {
      case 0: {  // the login transaction -> the credentials, to the gateway
        if (r.status != 200) return fail(i, "authorize: " + std::to_string(r.status));
        f.gateway_cookies = cookies_from(r, f.gateway_cookies);
        const auto transaction = json::parse(r.body).at("login_request").as_string();
        const std::string form = "login_request=" + encoded(transaction) + "&tckn=" + encoded(who.tckn) +
                                 "&password=" + encoded(who.password);
        std::string req = "POST " + authorize_path + " HTTP/1.1\r\nHost: " + gateway_authority + "\r\n";
        if (!f.gateway_cookies.empty()) req += "Cookie: " + f.gateway_cookies + "\r\n";
        req += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(form.size()) +
               "\r\n\r\n" + form;
        return loop.send(gateway_host, i, std::move(req));
      }
      case 1: {  // the redirect with the code -> the portal session
        if (r.status != 302) return fail(i, "login: " + std::to_string(r.status));
        const auto location = r.header("Location");
        if (query_value(location, "state") != f.state) return fail(i, "state mismatch");
        const std::string body = R"({"code":")" + query_value(location, "code") + R"(","code_verifier":")" +
                                 f.verifier + R"(","redirect_uri":")" + redirect_uri + R"("})";
        return loop.send(portal_host, i, portal_request("POST", "/api/v1/auth/session", f, body, {}));
      }
      case 2: {  // the session -> the catalogue
        if (r.status != 201) return fail(i, "session: " + std::to_string(r.status));
        f.cookies = cookies_from(r, f.cookies);
        f.csrf = json::parse(r.body).at("csrf_token").as_string().c_str();
        return loop.send(portal_host, i, portal_request("GET", "/api/v1/institutions", f, {}, {}));
      }
      case 3: {  // the catalogue -> the submission
        if (r.status != 200) return fail(i, "catalogue: " + std::to_string(r.status));
        const auto catalogue = json::parse(r.body);
        json::array acks;
        for (const auto& institution : catalogue.at("institutions").as_array()) {
          if (institution.at("id").as_string() != who.institution) continue;
          for (const auto& notice : institution.at("notices").as_array()) acks.push_back(notice.at("id"));
        }
        const std::string body = R"({"form":)" + who.form + R"(,"acknowledged_notices":)" + json::serialize(acks) + "}";
        const std::string extra = "X-CSRF-Token: " + f.csrf + "\r\nIdempotency-Key: " + random_b64url(24) + "\r\n";
        return loop.send(portal_host, i, portal_request("POST", "/api/v1/applications", f, body, extra));
      }
      case 4: {  // the application -> its SMS code, verified
        if (r.status != 201 && r.status != 200) return fail(i, "submission: " + std::to_string(r.status) + r.body);
        f.application = json::parse(r.body).at("id").as_string().c_str();
        const std::string body = R"({"code":")" + outbox.code_for(f.application) + R"("})";
        return loop.send(portal_host, i,
                         portal_request("POST", "/api/v1/applications/" + f.application + "/otp/verify", f, body,
                                        "X-CSRF-Token: " + f.csrf + "\r\n"));
      }
      default: {  // verified
        if (r.status != 200) return fail(i, "verify: " + std::to_string(r.status));
        if (json::parse(r.body).at("status").as_string() != "awaiting_approval") return fail(i, "not verified");
        f.seconds = std::chrono::duration<double>(Clock::now() - f.started).count();
        --unfinished;
        return;
      }
    }
  };

  reset_peak_rss();
  const long baseline_kib = peak_rss_kib();
  const auto cpu_before = cpu_time();
  const auto started = Clock::now();
  for (std::size_t i = 0; i < people.size(); ++i) {
    Flow& f = flows[i];
    f.started = Clock::now();
    f.verifier = random_b64url(48);
    f.state = random_b64url(24);
    std::array<unsigned char, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(f.verifier.data()), f.verifier.size(), digest.data());
    const std::string target = authorize_path + "?response_type=code&client_id=" + encoded(client_id) +
                               "&redirect_uri=" + encoded(redirect_uri) + "&state=" + f.state +
                               "&code_challenge=" + b64url(digest.data(), digest.size()) +
                               "&code_challenge_method=S256";
    loop.send(gateway_host, i, "GET " + target + " HTTP/1.1\r\nHost: " + gateway_authority + "\r\n\r\n");
  }
  loop.run(on_response, unfinished);
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const auto cpu = cpu_time() - cpu_before;
  const long peak_kib = peak_rss_kib();

  std::vector<double> latencies;
  for (const auto& f : flows) {
    if (f.seconds >= 0) latencies.push_back(f.seconds);
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  const auto n = static_cast<double>(std::max<std::size_t>(latencies.size(), 1));
  const double user = cpu.user;
  const double kernel = cpu.system;
  std::printf("floor (C++, epoll + OpenSSL, no SDK): %zu concurrent applicants, login to verified code, one thread\n",
              people.size());
  std::printf("  flows: %zu ok, %zu failed in %.2f s = %.1f flows/s\n", latencies.size(), failed, wall,
              static_cast<double>(latencies.size()) / wall);
  std::printf("  latency: p50 %.0f ms, p99 %.0f ms\n", percentile(0.5) * 1000, percentile(0.99) * 1000);
  std::printf("  client CPU: %.2f s = %.3f ms per flow (user %.3f, kernel %.3f)\n", user + kernel,
              (user + kernel) / n * 1000, user / n * 1000, kernel / n * 1000);
  std::printf("  peak RSS: baseline %ld KiB, peak %ld KiB = %.1f KiB per concurrent session\n", baseline_kib, peak_kib,
              static_cast<double>(peak_kib - baseline_kib) / static_cast<double>(people.size()));
  std::printf("RESULT floor flows_per_s=%.1f cpu_ms_per_flow=%.3f kernel_ms_per_flow=%.3f failed=%zu\n",
              static_cast<double>(latencies.size()) / wall, (user + kernel) / n * 1000, kernel / n * 1000, failed);
  std::printf("  TLS: %zu handshakes, %zu of them resumed\n", loop.handshakes, loop.resumed);
  SSL_CTX_free(ctx);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() != 5 || args[0] != "run") {
    std::cerr << "Usage: nes-client-load-floor run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL\n";
    return 2;
  }
  try {
    return run(args[1], args[2], args[3], args[4]);
  } catch (const std::exception& e) {
    std::cerr << "nes-client-load-floor: " << e.what() << "\n";
    return 1;
  }
}
