// nes-client-load: N simulated applicants at once through the SDK, against a
// standalone nes-portal, from login to a verified SMS code (codes read from
// the portal's --sms-outbox). Every session stays open until all flows are
// done, so the peak memory is that of N concurrent sessions. Prints flows
// per second, latency percentiles, client CPU per flow and peak RSS per
// session above the baseline (scripts/bench-client).
//
//   nes-client-load make-people N REGISTRY PEOPLE_JSONL
//   nes-client-load run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL

#include "applicants.hpp"
#include "outbox_reader.hpp"
#include "process_usage.hpp"
#include "progress_bar.hpp"

#include <nes/application.hpp>
#include <nes/client.hpp>
#include <nes/form_json.hpp>
#include <nes/otp_verifier.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using nes::test::cpu_time;
using nes::test::CpuTime;
using nes::test::peak_rss_kib;
using nes::test::reset_peak_rss;

// The applicants as the Python peer reads them too: one JSON object a line.
int make_people(int count, const std::string& registry, const std::string& people_file) {
  const auto people = nes::test::make_applicants(static_cast<std::size_t>(count), 400000);
  nes::test::write_registry(registry, people);
  std::ofstream out(people_file);
  for (const auto& p : people) {
    out << R"({"tckn":")" << p.tckn << R"(","password":")" << p.password << R"(","institution":")" << p.institution
        << R"(","form":)" << nes::encode_form_json(p.form()).reveal() << "}\n";
  }
  return out.flush() ? 0 : 1;
}

struct Person {
  std::string tckn;
  std::string password;
  nes::ApplicationForm form;
};

std::vector<Person> read_people(const std::string& file) {
  std::vector<Person> people;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto v = boost::json::parse(line);
    auto decoded = nes::decode_form_json(boost::json::serialize(v.at("form")));
    people.push_back(
        {std::string(v.at("tckn").as_string()), std::string(v.at("password").as_string()), std::move(*decoded.form)});
  }
  return people;
}

struct Flow {
  std::optional<nes::Session> session;
  std::optional<nes::Application> application;
  double seconds = 0;
  std::string failure;
};

asio::awaitable<void> apply(nes::Client& client, const Person& who, nes::test::OutboxReader& outbox, Flow& flow);

// One flow, then the progress bar (drawn only on a terminal).
asio::awaitable<void> apply_and_count(nes::Client& client, const Person& who, nes::test::OutboxReader& outbox,
                                      Flow& flow, nes::cli::ProgressBar& bar, std::size_t& done, std::size_t total) {
  co_await apply(client, who, outbox, flow);
  bar.update(++done, total);
}

asio::awaitable<void> apply(nes::Client& client, const Person& who, nes::test::OutboxReader& outbox, Flow& flow) {
  const auto started = Clock::now();
  nes::Credentials credentials{nes::SecretString(who.tckn), nes::SecretString(who.password)};
  auto [lec, session] = co_await client.async_login(std::move(credentials), use_tuple);
  if (lec) {
    flow.failure = "login: " + lec.message();
    co_return;
  }
  flow.session = session.value();
  auto [cec, catalogue] = co_await flow.session->async_institutions(use_tuple);
  if (cec) {
    flow.failure = "catalogue: " + cec.message();
    co_return;
  }
  std::vector<std::string> acks;
  for (const auto& i : *catalogue) {
    if (i.id == who.form.institution.id) {
      for (const auto& n : i.notices) acks.push_back(n.id);
    }
  }
  flow.application.emplace(*flow.session, who.form);
  auto [sec, submitted] = co_await flow.application->async_submit(std::move(acks), use_tuple);
  if (sec) {
    flow.failure = "submit: " + sec.message() + (submitted.problem() ? " " + submitted.problem()->code : "");
    co_return;
  }
  nes::OtpVerifier otp(*flow.application);
  nes::SecretString code(outbox.code_for(submitted->id));
  auto [vec, verified] = co_await otp.async_verify(std::move(code), use_tuple);
  if (vec) {
    flow.failure = "verify: " + vec.message();
    co_return;
  }
  flow.seconds = std::chrono::duration<double>(Clock::now() - started).count();
}

int run(const std::string& portal_url, const std::string& ca_file, const std::string& outbox_file,
        const std::string& people_file) {
  const auto people = read_people(people_file);
  asio::io_context io(1);
  nes::ClientOptions options;
  options.portal_url = portal_url;
  options.tls.use_system_store = false;
  options.tls.extra_ca_file = ca_file;
  options.proxy.from_environment = false;
  options.max_connections_per_host = 64;
  options.timeouts.request = std::chrono::seconds(120);
  options.retry.total_deadline = std::chrono::seconds(300);
  nes::error_code ec;
  std::string detail;
  auto client = nes::Client::create(io.get_executor(), options, ec, &detail);
  if (!client) {
    std::cerr << "nes-client-load: " << detail << "\n";
    return 2;
  }
  nes::test::OutboxReader outbox(outbox_file);
  std::vector<Flow> flows(people.size());

  reset_peak_rss();
  const long baseline_kib = peak_rss_kib();
  const CpuTime cpu_before = cpu_time();
  const auto started = Clock::now();
  {
    nes::cli::ProgressBar bar("flows");
    std::size_t done = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
      asio::co_spawn(io, apply_and_count(*client, people[i], outbox, flows[i], bar, done, people.size()),
                     asio::detached);
    }
    io.run();
  }
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const CpuTime cpu = cpu_time() - cpu_before;
  const long peak_kib = peak_rss_kib();

  std::vector<double> latencies;
  std::size_t failed = 0;
  for (const auto& f : flows) {
    if (!f.failure.empty()) {
      if (failed++ == 0) std::cerr << "first failure: " << f.failure << "\n";
      continue;
    }
    latencies.push_back(f.seconds);
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  const auto n = static_cast<double>(latencies.size());
  std::printf("nes SDK (C++): %zu concurrent applicants, login to verified code, one thread\n", people.size());
  std::printf("  flows: %zu ok, %zu failed in %.2f s = %.1f flows/s\n", latencies.size(), failed, wall, n / wall);
  std::printf("  latency: p50 %.0f ms, p99 %.0f ms\n", percentile(0.5) * 1000, percentile(0.99) * 1000);
  std::printf("  client CPU: %.2f s = %.3f ms per flow (user %.3f, kernel %.3f)\n", cpu.total(), cpu.total() / n * 1000,
              cpu.user / n * 1000, cpu.system / n * 1000);
  std::printf("  peak RSS: baseline %ld KiB, peak %ld KiB = %.1f KiB per concurrent session\n", baseline_kib, peak_kib,
              static_cast<double>(peak_kib - baseline_kib) / static_cast<double>(people.size()));
  std::printf(
      "RESULT sdk flows_per_s=%.1f cpu_ms_per_flow=%.3f kernel_ms_per_flow=%.3f kib_per_session=%.1f failed=%zu\n",
      n / wall, cpu.total() / n * 1000, cpu.system / n * 1000,
      static_cast<double>(peak_kib - baseline_kib) / static_cast<double>(people.size()), failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "make-people") return make_people(std::stoi(args[1]), args[2], args[3]);
  if (args.size() == 5 && args[0] == "run") return run(args[1], args[2], args[3], args[4]);
  std::cerr << "Usage: nes-client-load make-people N REGISTRY PEOPLE_JSONL\n"
               "       nes-client-load run PORTAL_URL CA_FILE OUTBOX PEOPLE_JSONL\n";
  return 2;
}
