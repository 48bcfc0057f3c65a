#include "token_pin_command.hpp"

#include "apply_flow.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "portal_call.hpp"
#include "run_operation.hpp"
#include "secret_input.hpp"

#include <nes/messages.hpp>
#include <nes/pkcs11_signer.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <iostream>
#include <optional>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(
      say("Kullanım: nes token change-pin [--module YOL] [--token-label ETİKET | --token-serial SERİ]\n"
          "                             [--pin-file DOSYA] [--new-pin-file DOSYA] [--json]\n"
          "          nes token unblock    [--module YOL] [--token-label ETİKET | --token-serial SERİ]\n"
          "                             [--puk-file DOSYA] [--new-pin-file DOSYA] [--json]\n"
          "PIN Oluşturma/Kilit Çözme, kartın kendisinde. change-pin PIN'i değiştirir; unblock kilitlenen PIN'in\n"
          "yerine PUK ile yeni bir PIN kurar (yeni kartın ilk PIN'i de böyle oluşturulur; PUK'u portal verir).\n"
          "Her biri bir kez denenir, asla kendiliğinden yinelenmez: kart kalan denemeleri azaltır. PIN: --pin-file,\n"
          "$NES_PIN ya da terminal; PUK: --puk-file, $NES_PUK ya da terminal; yeni PIN: --new-pin-file,\n"
          "$NES_NEW_PIN ya da terminalde iki kez. Terminalde yazılanlar görünmez.\n"
          "Çıkış durumu: 0 yapıldı, 1 kart reddetti (PIN ya da PUK hatalı, kilitli) ya da kart yok, 2 kullanım\n"
          "hatası (iki yeni PIN aynı değil).\n",
          "Usage: nes token change-pin [--module PATH] [--token-label LABEL | --token-serial SERIAL]\n"
          "                            [--pin-file FILE] [--new-pin-file FILE] [--json]\n"
          "       nes token unblock    [--module PATH] [--token-label LABEL | --token-serial SERIAL]\n"
          "                            [--puk-file FILE] [--new-pin-file FILE] [--json]\n"
          "PIN Oluşturma/Kilit Çözme on the card itself. change-pin changes the PIN; unblock sets a new PIN with\n"
          "the PUK in place of a locked one (a new card's first PIN is made so too; the portal gives the PUK).\n"
          "Each is tried once, never again on its own: the card counts the tries. The PIN: --pin-file, $NES_PIN\n"
          "or the terminal; the PUK: --puk-file, $NES_PUK or the terminal; the new PIN: --new-pin-file,\n"
          "$NES_NEW_PIN or twice at the terminal. Nothing typed is shown.\n"
          "Exit status: 0 done, 1 the card refused (a wrong or locked PIN or PUK) or no such card, 2 usage error\n"
          "(the two new PINs differ).\n"));
}

struct Options {
  bool unblock = false;
  std::string module;
  std::string label;
  std::string serial;
  std::string pin_file;  ///< change-pin: the current PIN
  std::string puk_file;  ///< unblock: the PUK
  std::string new_pin_file;
  bool json = false;
};

std::optional<Options> parse_options(const std::vector<std::string>& args, bool& help) {
  Options options;
  options.unblock = args.front() == "unblock";
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  po::options_description named(text("Seçenekler", "Options"));
  named.add_options()("module", po::value(&options.module),
                      text("PKCS#11 modülü (.so)", "the PKCS#11 module (.so)").c_str())(
      "token-label", po::value(&options.label), text("bu etiketli kart", "the token with this label").c_str())(
      "token-serial", po::value(&options.serial), text("bu seri no'lu kart", "the token with this serial").c_str())(
      "pin-file", po::value(&options.pin_file),
      text("change-pin: şimdiki PIN, ilk satır", "change-pin: the current PIN, first line").c_str())(
      "puk-file", po::value(&options.puk_file),
      text("unblock: PUK, ilk satır", "unblock: the PUK, first line").c_str())(
      "new-pin-file", po::value(&options.new_pin_file), text("yeni PIN, ilk satır", "the new PIN, first line").c_str())(
      "json", po::bool_switch(&options.json), text("sonucu JSON olarak yaz", "print the result as JSON").c_str())(
      "help,h", text("bu yardımı göster", "show this help").c_str());
  const std::string command = "token " + args.front();
  if (!parse_command_line(std::vector<std::string>(args.begin() + 1, args.end()), named, usage(), command, help)) {
    return std::nullopt;
  }
  return options;
}

std::string flags_text(const PinStatus& status, bool puk) {
  if (status.locked) return std::string(puk ? say("PUK KİLİTLİ", "PUK LOCKED") : say("PIN KİLİTLİ", "PIN LOCKED"));
  if (status.final_try) return std::string(say("son deneme", "one try left"));
  if (status.count_low) return std::string(say("daha önce yanlış girildi", "entered wrongly before"));
  return std::string(say("tamam", "ok"));
}

boost::json::object flags_json(const PinStatus& status) {
  return {{"count_low", status.count_low}, {"final_try", status.final_try}, {"locked", status.locked}};
}

// The new PIN: from its file or $NES_NEW_PIN once, or typed twice at the terminal.
std::optional<SecretString> new_pin(const Options& options, const std::string& command) {
  std::string error;
  auto first = read_secret(options.new_pin_file, "NES_NEW_PIN", std::string(say("Yeni PIN: ", "New PIN: ")), error);
  if (!first) {
    usage_error(command, "yeni PIN alınamadı", "no new PIN", options.json, error);
    return std::nullopt;
  }
  const bool typed = options.new_pin_file.empty() && std::getenv("NES_NEW_PIN") == nullptr;
  if (!typed) return first;
  auto again = read_secret({}, nullptr, std::string(say("Yeni PIN (yeniden): ", "New PIN (again): ")), error);
  if (!again || !(*again == *first)) {
    usage_error(command, "iki yeni PIN aynı değil; kart denenmedi", "the two new PINs differ; the card was not tried",
                options.json);
    return std::nullopt;
  }
  return first;
}

}  // namespace

int run_token_pin(const std::vector<std::string>& args) {
  bool help = false;
  const auto options = parse_options(args, help);
  if (!options) return exit_usage;
  if (help) return exit_ok;
  const std::string command = "token " + args.front();
  ApplyOptions reporting;  // for failed(): only its JSON switch matters here
  reporting.json = options->json;
  std::string error;
  // Asked before the new one: a wrong PIN or PUK is not worth a new PIN typed twice.
  auto secret = options->unblock ? read_secret(options->puk_file, "NES_PUK", std::string(say("PUK: ", "PUK: ")), error)
                                 : read_secret(options->pin_file, "NES_PIN",
                                               std::string(say("Şimdiki PIN: ", "Current PIN: ")), error);
  if (!secret) {
    return usage_error(command, options->unblock ? "PUK alınamadı" : "PIN alınamadı",
                       options->unblock ? "no PUK" : "no PIN", options->json, error);
  }
  auto replacement = new_pin(*options, command);
  if (!replacement) return exit_usage;
  auto [ec, token] = run_operation<TokenInfo>([&](auto& io, auto handler) {
    error_code create_error;
    std::string detail;
    auto signer = Pkcs11Signer::create(
        io.get_executor(),
        Pkcs11Options{.module = options->module, .token_label = options->label, .token_serial = options->serial},
        create_error, &detail);
    if (!signer) {
      handler(create_error, Result<TokenInfo>{});
      return;
    }
    auto done = [signer, handler](error_code e, Result<TokenInfo> r) mutable { handler(e, std::move(r)); };
    if (options->unblock) {
      signer->async_unblock_pin(std::move(*secret), std::move(*replacement), std::move(done));
    } else {
      signer->async_change_pin(std::move(*secret), std::move(*replacement), std::move(done));
    }
  });
  if (ec) return failed(command, ec, token.problem(), reporting);
  if (options->json) {
    std::cout << boost::json::serialize(boost::json::object{{"label", token->label},
                                                            {"serial", token->serial},
                                                            {"pin", flags_json(token->pin)},
                                                            {"puk", flags_json(token->puk)}})
              << "\n";
  } else {
    std::cout << (options->unblock
                      ? say("PIN'in kilidi çözüldü; yeni PIN kuruldu: ", "The PIN is unblocked; the new PIN is set: ")
                      : say("PIN değiştirildi: ", "The PIN is changed: "))
              << token->label << " (" << token->serial << ")\n"
              << "  PIN: " << flags_text(token->pin, false) << "; PUK: " << flags_text(token->puk, true) << "\n";
  }
  return exit_ok;
}

}  // namespace nes::cli
