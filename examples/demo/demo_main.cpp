// nes-demo: README's main job. The reference portal runs in this process
// with its demo registry; a demo applicant (Çağla Öztürk, staff of two
// institutions) applies twice, every step printed: once approved by e-imza
// with a SoftHSM2 token made on the spot, once by wet signature with the
// PDF. Then the application numbers, statuses, fees, the PDF's path and the
// independent check of the signature (openssl cms -verify).
//
//   nes-demo [--forms DIR] [--out DIR]

#include "demo_flow.hpp"

#include <nes/lifecycle.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;

struct Arguments {
  std::filesystem::path forms = NES_DEMO_FORMS;
  std::filesystem::path out = "nes-demo-output";
};

std::optional<Arguments> parse(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--forms" || arg == "--out") && i + 1 < argc) {
      (arg == "--forms" ? args.forms : args.out) = argv[++i];
    } else {
      std::cerr << "Usage: nes-demo [--forms DIR] [--out DIR]\n";
      return std::nullopt;
    }
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse(argc, argv);
  if (!args) return 2;
  const auto started = std::chrono::steady_clock::now();
  const auto work = std::filesystem::temp_directory_path() / ("nes-demo-" + std::to_string(getpid()));
  asio::io_context io;
  std::unique_ptr<nes::demo::World> world;
  try {
    world = nes::demo::make_world(io, work, "18301661332", "ÇAĞLA ÖZTÜRK");
  } catch (const std::exception& e) {
    std::cerr << "nes-demo: " << e.what() << "\n";
    std::filesystem::remove_all(work);
    return 1;
  }
  std::printf("NES SDK demo: Kamu SM's twelve steps against the reference portal, in this process\n");
  std::printf("  portal %s, its e-Devlet gateway %s (a throw-away test CA)\n", world->portal->base_url().c_str(),
              world->portal->gateway_url().c_str());
  std::printf("  SoftHSM2 token \"%s\" made on the spot: e-imza certificates for T.C. Kimlik No %s\n",
              world->token.label.c_str(), world->token.holder_tckn.c_str());
  std::printf("  from a demo CA the portal trusts; SMS codes reach this program, not a phone\n");

  const std::vector<nes::demo::Plan> plans{
      {"Application 1: T.C. Yükseköğretim Kurulu, approved by e-imza (SoftHSM2 token)",
       args->forms / "cagla-yok-akademik.json", true, "Demo-Parola-3", args->out},
      {"Application 2: T.C. Milli Eğitim Bakanlığı, approved by wet signature (PDF)", args->forms / "cagla-meb.json",
       false, "Demo-Parola-3", args->out},
  };
  std::vector<nes::demo::Result> results;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (const auto& plan : plans) results.push_back(co_await nes::demo::run_plan(*world, plan));
      },
      asio::detached);
  io.run();

  bool ok = results.size() == plans.size();
  std::printf("\n== Result ==\n");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    ok = ok && r.ok;
    if (!r.ok) {
      std::printf("  %s: FAILED (see above)\n", plans[i].title.c_str());
      continue;
    }
    std::printf("  %s  %-18s Ödenecek Tutar %s (KDV dahil)\n", r.application_id.c_str(),
                std::string(nes::to_string(r.status)).c_str(), r.fee.total.format_tr().c_str());
    if (!r.pdf.empty()) std::printf("      PDF to sign by hand: %s\n", r.pdf.c_str());
    if (!r.signature_file.empty()) {
      std::printf("      signature %s\n      openssl cms -verify: %s\n", r.signature_file.c_str(),
                  r.signature_check.c_str());
      ok = ok && r.signature_check.rfind("FAILED", 0) != 0;
    }
  }
  std::printf("  next: the e-imza application goes to Kamu SM as it is; the wet one once its signed form arrives.\n");
  std::printf("demo %s in %.1f s\n", ok ? "finished" : "FAILED",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  world.reset();
  std::filesystem::remove_all(work);
  return ok ? 0 : 1;
}
