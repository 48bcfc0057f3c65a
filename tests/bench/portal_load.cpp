// nes-portal-load: whole application flows against a standalone nes-portal,
// for the portal benchmark (scripts/bench-portal). Each worker is one person
// with one keep-alive TLS connection: log in once, then repeat submit → SMS
// code (read from the portal's --sms-outbox) → verify → choose wet
// signature → cancel, so that the person may apply again.
//
//   nes-portal-load make-registry N FILE
//   nes-portal-load run PORT GATEWAY_PORT CA_FILE OUTBOX WORKERS SECONDS

#include "portal_flow.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/registry/password_hash.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

// The i-th load person: a valid T.C. Kimlik No, a mobile number, a password.
std::string tckn_of(int i) {
  int d[11] = {};
  const int base = 100000000 + i * 7919;  // nine digits, the first not 0
  for (int k = 8, v = base; k >= 0; --k, v /= 10) d[k] = v % 10;
  d[9] = (((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10 + 10) % 10;
  int sum = 0;
  for (int k = 0; k < 10; ++k) sum += d[k];
  d[10] = sum % 10;
  std::string out;
  for (const int digit : d) out.push_back(static_cast<char>('0' + digit));
  return out;
}
std::string mobile_of(int i) {
  std::string digits = std::to_string(i % 10000000);
  return "+90532" + std::string(7 - digits.size(), '0') + digits;
}
std::string password_of(int i) { return "Yuk-Parola-" + std::to_string(i); }
// Names hold letters only: the number spelled with Turkish letters.
std::string last_name_of(int i) {
  static const char* const letters[] = {"a", "b", "c", "ç", "d", "e", "f", "g", "ğ", "h"};
  std::string name = "Çelik";
  for (const char digit : std::to_string(i)) name += letters[digit - '0'];
  return name;
}

int make_registry(int people, const std::string& file) {
  boost::json::array list;
  for (int i = 0; i < people; ++i) {
    const auto hash = nes::portal::registry::PasswordHash::make(password_of(i), 10000);
    list.push_back({{"tckn", tckn_of(i)},
                    {"first_name", "Yük Testi"},
                    {"last_name", last_name_of(i)},
                    {"mobile_phones", {mobile_of(i)}},
                    {"staff_of", {"yok-akademik"}},
                    {"password",
                     {{"algorithm", "pbkdf2-sha256"},
                      {"iterations", hash.iterations},
                      {"salt", nes::portal::crypto::base64_encode(hash.salt)},
                      {"hash", nes::portal::crypto::base64_encode(hash.hash)}}}});
  }
  std::ofstream(file) << boost::json::serialize(boost::json::object{{"people", std::move(list)}});
  return 0;
}

std::string form_of(int i) {
  return std::string(R"({"certificate": {"validity_years": 1, "card_reader": true, "publish_online": false},)") +
         R"("identity": {"tckn": ")" + tckn_of(i) + R"(", "first_name": "Yük Testi", "last_name": ")" +
         last_name_of(i) + R"(", "mobile_phone": ")" + mobile_of(i) + R"(", "info_channel": "sms"},)" +
         R"("institution": {"id": "yok-akademik", "unit": "Bilgi İşlem", "work_phone": "0312 298 20 00"},)" +
         R"("delivery": {"address_type": "work", "address_line": "Dumlupınar Blv. No: 1", "district": "Çankaya",)" +
         R"("province": "Ankara", "postal_code": "06800"}})";
}

// Follows the SMS outbox and hands each application's code to its worker.
class OutboxReader {
 public:
  explicit OutboxReader(std::string path) : path_(std::move(path)) {}
  std::string code_for(const std::string& application) {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    std::ifstream in;
    for (;;) {
      {
        const std::lock_guard lock(mutex_);
        if (!in.is_open()) in.open(path_);
        in.clear();
        in.seekg(offset_);
        std::string line;
        while (std::getline(in, line)) {
          if (in.eof()) break;  // a line still being written
          offset_ = in.tellg();
          const auto message = boost::json::parse(line);
          codes_[std::string(message.at("application").as_string())] = message.at("code").as_string().c_str();
        }
        if (const auto found = codes_.find(application); found != codes_.end()) {
          std::string code = found->second;
          codes_.erase(found);
          return code;
        }
      }
      if (Clock::now() > deadline) throw std::runtime_error("no SMS code for " + application);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  std::string path_;
  std::mutex mutex_;
  std::streamoff offset_ = 0;
  std::map<std::string, std::string> codes_;
};

int run(const nes::test::PortalAddress& address, const std::string& outbox, int workers, int seconds) {
  OutboxReader codes(outbox);
  std::atomic<long> flows{0};
  std::atomic<long> requests{0};
  std::atomic<long> failures{0};
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        nes::test::PortalFlow flow(address);
        const auto who = flow.login(tckn_of(w), password_of(w));
        requests += 4;  // authorize, credentials, session (the code's redemption is in-process)
        while (Clock::now() < end) {
          const auto created = flow.submit(who, form_of(w), nes::portal::crypto::random_token(16),
                                           "[\"institution_paid\", \"no_refund\"]");
          if (created.result() != http::status::created) throw std::runtime_error("submit: " + created.body());
          const std::string id(nes::test::json_body(created).at("id").as_string());
          const std::string base = "/api/v1/applications/" + id;
          const auto verified =
              flow.call(who, http::verb::post, base + "/otp/verify", R"({"code": ")" + codes.code_for(id) + "\"}");
          const auto wet = flow.call(who, http::verb::post, base + "/approval/wet-signature");
          const auto cancelled = flow.call(who, http::verb::post, base + "/cancel");
          requests += 4;
          if (verified.result() != http::status::ok || wet.result() != http::status::ok ||
              cancelled.result() != http::status::ok) {
            throw std::runtime_error("flow step refused: " + verified.body() + wet.body() + cancelled.body());
          }
          ++flows;
        }
      } catch (const std::exception& e) {
        ++failures;
        std::cerr << "worker " << w << ": " << e.what() << "\n";
      }
    });
  }
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(
      "whole application flows (login once; submit, SMS code, verify, wet signature, cancel), %d workers:\n"
      "  %ld flows in %.1f s = %.1f flows/s, %.0f requests/s\n",
      workers, flows.load(), elapsed, static_cast<double>(flows.load()) / elapsed,
      static_cast<double>(requests.load()) / elapsed);
  return failures.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "make-registry") return make_registry(std::stoi(args[1]), args[2]);
  if (args.size() == 7 && args[0] == "run") {
    std::ifstream ca_file(args[3]);
    std::stringstream ca;
    ca << ca_file.rdbuf();
    nes::test::PortalAddress address{
        static_cast<unsigned short>(std::stoi(args[1])), static_cast<unsigned short>(std::stoi(args[2])), ca.str(), {}};
    // The redirect URI the portal registered, as it announces it.
    nes::test::TestClient info(address.port, {.ca_pem = address.ca_pem});
    address.redirect_uri = nes::test::json_body(info.request(http::verb::get, "/api/v1/info"))
                               .at("login")
                               .at("redirect_uri")
                               .as_string()
                               .c_str();
    return run(address, args[4], std::stoi(args[5]), std::stoi(args[6]));
  }
  std::cerr << "Usage: nes-portal-load make-registry N FILE\n"
               "       nes-portal-load run PORT GATEWAY_PORT CA_FILE OUTBOX WORKERS SECONDS\n";
  return 2;
}
