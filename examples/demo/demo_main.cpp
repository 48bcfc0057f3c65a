// nes-demo: README's main job. The reference portal runs in this process
// with its demo registry; a demo applicant (Çağla Öztürk, staff of two
// institutions) applies twice, every step printed: once approved by e-imza
// with a SoftHSM2 token made on the spot, once by wet signature with the
// PDF. Then the application numbers, statuses, fees, the PDF's path and the
// independent check of the signature (openssl cms -verify).
//
//   nes-demo [--forms DIR] [--out DIR]

#include "demo_flow.hpp"
#include "demo_institution.hpp"
#include "language.hpp"

#include <nes/lifecycle.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
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
  nes::Language language = nes::Language::tr;
  if (const char* env = std::getenv("NES_LANG"); env != nullptr && nes::cli::language_named(env, language)) {
    nes::cli::set_ui_language(language);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--forms" || arg == "--out") && i + 1 < argc) {
      (arg == "--forms" ? args.forms : args.out) = argv[++i];
    } else if (arg == "--lang" && i + 1 < argc && nes::cli::language_named(argv[i + 1], language)) {
      nes::cli::set_ui_language(language);
      ++i;
    } else {
      std::cerr << nes::cli::say("Kullanım: nes-demo [--lang tr|en] [--forms KLASÖR] [--out KLASÖR]\n",
                                 "Usage: nes-demo [--lang tr|en] [--forms DIR] [--out DIR]\n");
      return std::nullopt;
    }
  }
  return args;
}

const char* say(std::string_view tr, std::string_view en) { return nes::cli::say(tr, en).data(); }

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
  std::printf("%s", say("NES SDK demosu: Kamu SM'nin on iki adımı, bu süreçteki başvuru portalına karşı\n",
                        "NES SDK demo: Kamu SM's twelve steps against the reference portal, in this process\n"));
  std::cout << "  portal " << world->portal->base_url() << say(", e-Devlet kapısı ", ", its e-Devlet gateway ")
            << world->portal->gateway_url() << say(" (atılacak bir test CA'sı)\n", " (a throw-away test CA)\n")
            << say("  SoftHSM2 kartı \"", "  SoftHSM2 token \"") << world->token.label
            << say("\" şimdi yapıldı: T.C. Kimlik No ", "\" made on the spot: e-imza certificates for T.C. Kimlik No ")
            << world->token.holder_tckn << say(" için e-imza sertifikaları,\n", "\n");
  std::printf("%s", say("  portalın güvendiği bir demo CA'sından; SMS kodları bir telefona değil bu programa gelir\n",
                        "  from a demo CA the portal trusts; SMS codes reach this program, not a phone\n"));

  const std::vector<nes::demo::Plan> plans{
      {say("Başvuru 1: T.C. Yükseköğretim Kurulu, e-imza ile onay (SoftHSM2 kartı)",
           "Application 1: T.C. Yükseköğretim Kurulu, approved by e-imza (SoftHSM2 token)"),
       args->forms / "cagla-yok-akademik.json", true, "Demo-Parola-3", args->out},
      {say("Başvuru 2: T.C. Milli Eğitim Bakanlığı, ıslak imza ile onay (PDF)",
           "Application 2: T.C. Milli Eğitim Bakanlığı, approved by wet signature (PDF)"),
       args->forms / "cagla-meb.json", false, "Demo-Parola-3", args->out},
  };
  const std::string institution_title =
      say("Başvuru 3: Örnek Üniversitesi, kurum ödemeli (yetkilinin personel listesi, e-imza, listenin imzası)",
          "Application 3: Örnek Üniversitesi, institution-paid (the officer's staff list, e-imza, the list signed)");
  std::vector<nes::demo::Result> results;
  nes::demo::InstitutionResult institution;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (const auto& plan : plans) results.push_back(co_await nes::demo::run_plan(*world, plan));
        institution = co_await nes::demo::run_institution_plan(*world, institution_title);
      },
      asio::detached);
  io.run();

  bool ok = results.size() == plans.size();
  std::printf("%s", say("\n== Sonuç ==\n", "\n== Result ==\n"));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    ok = ok && r.ok;
    if (!r.ok) {
      std::cout << "  " << plans[i].title << say(": BAŞARISIZ (yukarıya bakın)\n", ": FAILED (see above)\n");
      continue;
    }
    std::printf("  %s  %s; Ödenecek Tutar %s (KDV dahil)\n", r.application_id.c_str(),
                std::string(nes::cli::say(nes::status_label(r.status))).c_str(), r.fee.total.format_tr().c_str());
    if (!r.pdf.empty())
      std::cout << say("      elle imzalanacak PDF: ", "      PDF to sign by hand: ") << r.pdf.string() << "\n";
    if (!r.signature_file.empty()) {
      std::cout << say("      imza ", "      signature ") << r.signature_file.string()
                << "\n      openssl cms -verify: " << r.signature_check << "\n";
      ok = ok && r.signature_check.find("Verification successful") != std::string::npos;
    }
  }
  ok = ok && institution.ok;
  if (institution.ok) {
    std::printf("  %s  %s; %s %s, %s %s\n", institution.application_id.c_str(),
                std::string(nes::cli::say(nes::status_label(institution.status))).c_str(),
                say("kurumun faturası", "the institution's invoice"), institution.decision_id.c_str(),
                say("toplam", "total"), institution.total.format_tr().c_str());
  } else {
    std::cout << "  " << institution_title << say(": BAŞARISIZ (yukarıya bakın)\n", ": FAILED (see above)\n");
  }
  std::printf("%s", say("  sonra: e-imzalı başvuru Kamu SM'ye olduğu gibi gider; ıslak imzalı olan, imzalı form "
                        "ulaşınca.\n",
                        "  next: the e-imza application goes to Kamu SM as it is; the wet one once its signed form "
                        "arrives.\n"));
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (ok) {
    std::cout << say("demo ", "demo finished in ") << seconds << say(" sn'de bitti\n", " s\n");
  } else {
    std::cout << say("demo BAŞARISIZ (", "demo FAILED (") << seconds << say(" sn)\n", " s)\n");
  }
  world.reset();
  std::filesystem::remove_all(work);
  return ok ? 0 : 1;
}
