// nes-portal-load: whole application flows against a standalone nes-portal,
// for the portal benchmark (scripts/bench-portal). Each worker is one person
// with one keep-alive TLS connection: log in once, then repeat submit → SMS
// code (read from the portal's --sms-outbox) → verify → choose wet
// signature → cancel, so that the person may apply again.
//
//   nes-portal-load make-registry N FILE
//   nes-portal-load run PORT GATEWAY_PORT CA_FILE OUTBOX WORKERS SECONDS

#include "applicants.hpp"
#include "outbox_reader.hpp"
#include "portal_flow.hpp"

#include <nes/form_json.hpp>

#include "portal/crypto/encoding.hpp"

#include <boost/json/parse.hpp>

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

std::vector<nes::test::Applicant> load_people(int count) {
  return nes::test::make_applicants(static_cast<std::size_t>(count), 300000, "yok-akademik");
}

std::string form_of(const nes::test::Applicant& who) { return std::string(nes::encode_form_json(who.form()).reveal()); }

int run(const nes::test::PortalAddress& address, const std::string& outbox, int workers, int seconds) {
  nes::test::OutboxReader codes(outbox);
  const auto people = load_people(workers);
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
        const auto& person = people[static_cast<std::size_t>(w)];
        const auto who = flow.login(person.tckn, person.password);
        requests += 4;  // authorize, credentials, session (the code's redemption is in-process)
        while (Clock::now() < end) {
          const auto created = flow.submit(who, form_of(person), nes::portal::crypto::random_token(16),
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
  if (args.size() == 3 && args[0] == "make-registry") {
    nes::test::write_registry(args[2], load_people(std::stoi(args[1])));
    return 0;
  }
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
