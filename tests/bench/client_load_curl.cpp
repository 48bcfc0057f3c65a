// nes-client-load-curl: the fourth client of scripts/bench-client, what a C
// or C++ integrator would write without this SDK. The same six HTTPS
// requests a flow as nes-client-load, the Python peer and the floor, with
// libcurl's multi interface in its scalable form (curl_multi_socket_action
// over epoll, as libcurl recommends for many transfers), its cookie engine,
// one easy handle a flow, TLS sessions and DNS shared between the handles,
// at most 64 connections a host, and Boost.JSON for the answers.
//
//   nes-client-load-curl run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL

#include "no_sdk_flow.hpp"
#include "outbox_reader.hpp"
#include "process_usage.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <curl/curl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
constexpr long max_per_host = 64;  // as nes-client-load and the peer

using nes::test::cpu_time;
using nes::test::peak_rss_kib;
using nes::test::reset_peak_rss;

using nes::test::no_sdk::b64url;
using nes::test::no_sdk::encoded;
using nes::test::no_sdk::Person;
using nes::test::no_sdk::query_value;
using nes::test::no_sdk::random_b64url;
using nes::test::no_sdk::read_people;

size_t append_body(char* data, size_t size, size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

// One applicant's handle: its cookies live in it from the first request to
// the last, as they would in an integrator's client.
struct Flow {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string request_body;
  std::string response_body;
  int step = 0;
  std::string verifier;
  std::string state;
  std::string csrf;
  std::string application;
  Clock::time_point started;
  double seconds = -1;
};

struct Answer {
  long status = 0;
  std::string location;  // the redirect's target, not followed
  std::string body;
};

class Loop {
 public:
  Loop(const std::string& ca_file, std::size_t flows) : ca_file_(ca_file), flows_(flows) {
    multi_ = curl_multi_init();
    share_ = curl_share_init();
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, max_per_host);
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 2 * max_per_host);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Loop::on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Loop::on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    for (std::size_t i = 0; i < flows_.size(); ++i) {
      Flow& f = flows_[i];
      f.easy = curl_easy_init();
      curl_easy_setopt(f.easy, CURLOPT_PRIVATE, reinterpret_cast<void*>(i));
      curl_easy_setopt(f.easy, CURLOPT_SHARE, share_);
      curl_easy_setopt(f.easy, CURLOPT_CAINFO, ca_file_.c_str());
      curl_easy_setopt(f.easy, CURLOPT_COOKIEFILE, "");  // the cookie engine, in memory
      curl_easy_setopt(f.easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
      curl_easy_setopt(f.easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(f.easy, CURLOPT_TIMEOUT, 120L);
      curl_easy_setopt(f.easy, CURLOPT_WRITEFUNCTION, &append_body);
      curl_easy_setopt(f.easy, CURLOPT_WRITEDATA, &f.response_body);
    }
  }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  ~Loop() {
    for (Flow& f : flows_) {
      curl_multi_remove_handle(multi_, f.easy);
      curl_easy_cleanup(f.easy);
      curl_slist_free_all(f.headers);
    }
    curl_multi_cleanup(multi_);
    curl_share_cleanup(share_);
    close(epoll_);
  }

  Flow& flow(std::size_t i) { return flows_[i]; }
  std::size_t size() const { return flows_.size(); }

  // Starts flow i's next request; `body` empty is a GET. "Expect:" keeps
  // libcurl from waiting for a 100 Continue before a large body.
  void send(std::size_t i, const std::string& url, std::vector<std::string> headers, std::string body) {
    Flow& f = flows_[i];
    curl_slist_free_all(f.headers);
    f.headers = curl_slist_append(nullptr, "Expect:");
    for (const auto& h : headers) f.headers = curl_slist_append(f.headers, h.c_str());
    f.request_body = std::move(body);
    f.response_body.clear();
    curl_easy_setopt(f.easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(f.easy, CURLOPT_HTTPHEADER, f.headers);
    if (f.request_body.empty()) {
      curl_easy_setopt(f.easy, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(f.easy, CURLOPT_POSTFIELDS, f.request_body.data());
      curl_easy_setopt(f.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(f.request_body.size()));
    }
    curl_multi_add_handle(multi_, f.easy);
  }

  // Runs until `unfinished` is 0; `on_answer(i, answer)` for every finished request.
  template <class OnAnswer>
  void run(OnAnswer on_answer, const std::size_t& unfinished) {
    std::array<epoll_event, 256> events{};
    int running = 0;
    while (unfinished > 0) {
      const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wait_ms());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error("epoll_wait failed");
      for (int e = 0; e < n; ++e) {
        const auto& event = events[static_cast<std::size_t>(e)];
        int mask = 0;
        if ((event.events & EPOLLIN) != 0) mask |= CURL_CSELECT_IN;
        if ((event.events & EPOLLOUT) != 0) mask |= CURL_CSELECT_OUT;
        if ((event.events & (EPOLLERR | EPOLLHUP)) != 0) mask |= CURL_CSELECT_ERR;
        curl_multi_socket_action(multi_, event.data.fd, mask, &running);
      }
      // libcurl's timer, also when sockets keep epoll busy: a handle just
      // added starts on a timeout of 0.
      if (deadline_ && Clock::now() >= *deadline_) {
        deadline_.reset();
        curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
      }
      finished(on_answer);
    }
  }

 private:
  template <class OnAnswer>
  void finished(OnAnswer& on_answer) {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode result = message->data.result;
      void* index = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &index);
      const auto i = reinterpret_cast<std::size_t>(index);
      Answer answer;
      if (result != CURLE_OK) {
        answer.status = -1;
        answer.body = curl_easy_strerror(result);
      } else {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &answer.status);
        char* location = nullptr;
        curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
        if (location != nullptr) answer.location = location;
        answer.body = std::move(flows_[i].response_body);
      }
      curl_multi_remove_handle(multi_, easy);
      on_answer(i, std::move(answer));
    }
  }

  static int on_socket(CURL*, curl_socket_t socket, int what, void* self, void* known) {
    auto* loop = static_cast<Loop*>(self);
    epoll_event event{};
    event.data.fd = socket;
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(loop->epoll_, EPOLL_CTL_DEL, socket, nullptr);
      curl_multi_assign(loop->multi_, socket, nullptr);
      return 0;
    }
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) event.events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) event.events |= EPOLLOUT;
    if (known == nullptr) {
      epoll_ctl(loop->epoll_, EPOLL_CTL_ADD, socket, &event);
      curl_multi_assign(loop->multi_, socket, loop);  // any non-null mark: "in the epoll set"
    } else {
      epoll_ctl(loop->epoll_, EPOLL_CTL_MOD, socket, &event);
    }
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* self) {
    auto& deadline = static_cast<Loop*>(self)->deadline_;
    if (timeout_ms < 0) {
      deadline.reset();
    } else {
      deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  [[nodiscard]] int wait_ms() const {
    if (!deadline_) return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - Clock::now()).count();
    return static_cast<int>(std::max<long>(left, 0));
  }

  std::string ca_file_;
  std::vector<Flow> flows_;
  CURLM* multi_ = nullptr;
  CURLSH* share_ = nullptr;
  int epoll_ = -1;
  std::optional<Clock::time_point> deadline_;
};

// The portal's info once, before the clock starts (as the other clients).
json::value portal_info(const std::string& portal_url, const std::string& ca_file) {
  CURL* easy = curl_easy_init();
  std::string body;
  const std::string url = portal_url + "/api/v1/info";
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  const CURLcode result = curl_easy_perform(easy);
  curl_easy_cleanup(easy);
  if (result != CURLE_OK) throw std::runtime_error(std::string("info: ") + curl_easy_strerror(result));
  return json::parse(body);
}

int run(const std::string& portal_url, const std::string& ca_file, const std::string& outbox_file,
        const std::string& people_file) {
  const auto people = read_people(people_file);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const json::value info = portal_info(portal_url, ca_file);
  const auto& login = info.at("login");
  const std::string authorize_url(login.at("authorize_url").as_string());
  const std::string client_id(login.at("client_id").as_string());
  const std::string redirect_uri(login.at("redirect_uri").as_string());
  const std::string api = portal_url + "/api/v1";

  nes::test::OutboxReader outbox(outbox_file);
  std::size_t unfinished = people.size();
  std::size_t failed = 0;
  Loop loop(ca_file, people.size());

  auto fail = [&](std::size_t i, const std::string& why) {
    if (failed++ == 0) std::cerr << "first failure: " << why << "\n";
    loop.flow(i).step = -1;
    --unfinished;
  };
  const std::string json_type = "Content-Type: application/json";
  const std::string accept_json = "Accept: application/json";

  // Each answer moves its flow one step on, and sends the next request.
  auto on_answer = [&](std::size_t i, Answer r) {
    Flow& f = loop.flow(i);
    const Person& who = people[i];
    if (r.status < 0) return fail(i, "transfer: " + r.body);
    switch (f.step++) {
      case 0: {  // the login transaction -> the credentials, to the gateway
        if (r.status != 200) return fail(i, "authorize: " + std::to_string(r.status));
        const auto transaction = json::parse(r.body).at("login_request").as_string();
        return loop.send(i, authorize_url, {"Content-Type: application/x-www-form-urlencoded"},
                         "login_request=" + encoded(transaction) + "&tckn=" + encoded(who.tckn) +
                             "&password=" + encoded(who.password));
      }
      case 1: {  // the redirect with the code -> the portal session
        if (r.status != 302) return fail(i, "login: " + std::to_string(r.status));
        if (query_value(r.location, "state") != f.state) return fail(i, "state mismatch");
        return loop.send(i, api + "/auth/session", {json_type, accept_json},
                         R"({"code":")" + query_value(r.location, "code") + R"(","code_verifier":")" + f.verifier +
                             R"(","redirect_uri":")" + redirect_uri + R"("})");
      }
      case 2: {  // the session -> the catalogue
        if (r.status != 201) return fail(i, "session: " + std::to_string(r.status));
        f.csrf = json::parse(r.body).at("csrf_token").as_string().c_str();
        return loop.send(i, api + "/institutions", {accept_json}, {});
      }
      case 3: {  // the catalogue -> the submission
        if (r.status != 200) return fail(i, "catalogue: " + std::to_string(r.status));
        const auto catalogue = json::parse(r.body);
        json::array acks;
        for (const auto& institution : catalogue.at("institutions").as_array()) {
          if (institution.at("id").as_string() != who.institution) continue;
          for (const auto& notice : institution.at("notices").as_array()) acks.push_back(notice.at("id"));
        }
        return loop.send(i, api + "/applications",
                         {json_type, accept_json, "X-CSRF-Token: " + f.csrf, "Idempotency-Key: " + random_b64url(24)},
                         R"({"form":)" + who.form + R"(,"acknowledged_notices":)" + json::serialize(acks) + "}");
      }
      case 4: {  // the application -> its SMS code, verified
        if (r.status != 201 && r.status != 200) return fail(i, "submission: " + std::to_string(r.status) + r.body);
        f.application = json::parse(r.body).at("id").as_string().c_str();
        return loop.send(i, api + "/applications/" + f.application + "/otp/verify",
                         {json_type, accept_json, "X-CSRF-Token: " + f.csrf},
                         R"({"code":")" + outbox.code_for(f.application) + R"("})");
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
  for (std::size_t i = 0; i < loop.size(); ++i) {
    Flow& f = loop.flow(i);
    f.started = Clock::now();
    f.verifier = random_b64url(48);
    f.state = random_b64url(24);
    std::array<unsigned char, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(f.verifier.data()), f.verifier.size(), digest.data());
    loop.send(i,
              authorize_url + "?response_type=code&client_id=" + encoded(client_id) +
                  "&redirect_uri=" + encoded(redirect_uri) + "&state=" + f.state +
                  "&code_challenge=" + b64url(digest.data(), digest.size()) + "&code_challenge_method=S256",
              {}, {});
  }
  loop.run(on_answer, unfinished);
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const auto cpu = cpu_time() - cpu_before;
  const long peak_kib = peak_rss_kib();

  std::vector<double> latencies;
  for (std::size_t i = 0; i < loop.size(); ++i) {
    if (loop.flow(i).seconds >= 0) latencies.push_back(loop.flow(i).seconds);
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  const auto n = static_cast<double>(std::max<std::size_t>(latencies.size(), 1));
  const double kib_per_session = static_cast<double>(peak_kib - baseline_kib) / static_cast<double>(people.size());
  std::printf(
      "libcurl %s (C++, multi_socket over epoll, Boost.JSON): %zu concurrent applicants, login to verified "
      "code, one thread\n",
      curl_version_info(CURLVERSION_NOW)->version, people.size());
  std::printf("  flows: %zu ok, %zu failed in %.2f s = %.1f flows/s\n", latencies.size(), failed, wall,
              static_cast<double>(latencies.size()) / wall);
  std::printf("  latency: p50 %.0f ms, p99 %.0f ms\n", percentile(0.5) * 1000, percentile(0.99) * 1000);
  std::printf("  client CPU: %.2f s = %.3f ms per flow (user %.3f, kernel %.3f)\n", cpu.total(), cpu.total() / n * 1000,
              cpu.user / n * 1000, cpu.system / n * 1000);
  std::printf("  peak RSS: baseline %ld KiB, peak %ld KiB = %.1f KiB per concurrent session\n", baseline_kib, peak_kib,
              kib_per_session);
  std::printf(
      "RESULT curl flows_per_s=%.1f cpu_ms_per_flow=%.3f kernel_ms_per_flow=%.3f kib_per_session=%.1f failed=%zu\n",
      static_cast<double>(latencies.size()) / wall, cpu.total() / n * 1000, cpu.system / n * 1000, kib_per_session,
      failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() != 5 || args[0] != "run") {
    std::cerr << "Usage: nes-client-load-curl run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL\n";
    return 2;
  }
  try {
    const int rc = run(args[1], args[2], args[3], args[4]);
    curl_global_cleanup();
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "nes-client-load-curl: " << e.what() << "\n";
    return 1;
  }
}
