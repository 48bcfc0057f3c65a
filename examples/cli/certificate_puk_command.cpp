#include "certificate_puk_command.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"
#include "private_file.hpp"
#include "secret_input.hpp"
#include "sms_confirmation.hpp"

#include <nes/certificates.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>
#include <optional>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(
      say("Kullanım: nes certificates puk --serial SERİ --portal URL [--out DOSYA] [--security-word-file DOSYA]\n"
          "                              [--otp-command KOMUT] [--tckn NO] [--password-file DOSYA] [--ca-file DOSYA]\n"
          "                              [--json]\n"
          "PIN Oluşturma/Kilit Çözme: kartınızın PUK'unu portaldan alır. Başvurudaki güvenlik sözcüğü (--security-\n"
          "word-file, $NES_SECURITY_WORD ya da terminal) doğruysa portal SMS kodu gönderir; kod girilince PUK bir\n"
          "kez verilir. --out verilirse PUK yalnız sahibinin okuyabileceği dosyaya yazılır, yoksa bir kez\n"
          "gösterilir. Sonra PIN'i kartta kurun: nes token unblock --puk-file DOSYA.\n"
          "Üç yanlış güvenlik sözcüğünden sonra, başvuruda sözcük yoksa ya da PUK daha önce verildiyse PUK'u Kamu SM\n"
          "kimliğinizi görerek verir.\n"
          "Çıkış durumu: 0 PUK alındı, 1 reddedildi ya da kod hatalı, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes certificates puk --serial SERIAL --portal URL [--out FILE] [--security-word-file FILE]\n"
          "                            [--otp-command CMD] [--tckn N] [--password-file FILE] [--ca-file FILE]\n"
          "                            [--json]\n"
          "PIN Oluşturma/Kilit Çözme: gets your card's PUK from the portal. When the application's security word\n"
          "(--security-word-file, $NES_SECURITY_WORD or the terminal) is right, the portal sends an SMS code; for\n"
          "the code it gives the PUK, once. With --out the PUK goes to a file only its owner can read; else it is\n"
          "shown once. Then set the PIN on the card: nes token unblock --puk-file FILE.\n"
          "After three wrong security words, without a word in the application, or when the PUK was given before,\n"
          "Kamu SM gives the PUK on sight of your identity card.\n"
          "Exit status: 0 the PUK is here, 1 refused or a wrong code, 2 usage error, 3 transient.\n"));
}

}  // namespace

int run_certificate_puk(const std::vector<std::string>& args) {
  const std::string command = "certificates puk";
  ApplyOptions options;
  PersonLogin login;
  std::string serial;
  std::string out;
  std::string word_file;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  add_certificate_request_options(d, serial, options.otp_command);
  d.add_options()("out", po::value(&out),
                  text("PUK'un yazılacağı dosya (0600)", "the file the PUK goes to (0600)").c_str())(
      "security-word-file", po::value(&word_file),
      text("başvurudaki güvenlik sözcüğü, ilk satır", "the application's security word, first line").c_str());
  add_login_options(d, options, login);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, command, true)) return exit_usage;
  if (serial.empty()) return usage_error(command, "--serial gerekli", "--serial is required", options.json);
  std::string error;
  // The PUK comes once: its file is made before it is asked for, never over another.
  std::optional<ReservedPrivateFile> puk_file = out.empty() ? std::nullopt : ReservedPrivateFile::reserve(out, error);
  if (!out.empty() && !puk_file) {
    return usage_error(command, "--out dosyası kullanılamaz", "the --out file cannot be used", options.json, error);
  }
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  auto word =
      read_secret(word_file, "NES_SECURITY_WORD", std::string(say("Güvenlik sözcüğü: ", "Security word: ")), error);
  if (!word) {
    return usage_error(command, "güvenlik sözcüğü alınamadı", "no security word", options.json, error);
  }
  const Certificates certificates(*session.session);
  auto [rec, pending] = run_on<PendingPukRelease>(
      io, [&](auto h) { certificates.async_request_puk(serial, std::move(*word), std::move(h)); });
  if (rec) return failed(command, rec, pending.problem(), options);
  std::cerr << say("SMS kodu gönderildi: ", "An SMS code was sent to ") << pending->otp.phone_masked << "\n";
  auto answer = confirm_with_code<SecretString>(io, options.otp_command, pending->id, pending->otp.phone_masked,
                                                [&certificates, &asked = *pending](SecretString code, auto h) {
                                                  certificates.async_confirm_puk(asked, std::move(code), std::move(h));
                                                });
  if (!answer) return exit_failed;
  const auto& [cec, puk] = *answer;
  if (cec) return failed(command, cec, puk.problem(), options);
  if (puk_file) {
    std::string line = std::string(puk->reveal()) + "\n";
    const bool written = puk_file->write(line, error);
    secure_wipe(line.data(), line.size());
    if (!written) {
      // The portal gives it once: shown here rather than lost.
      std::cerr << "nes " << command << ": " << error << "\n";
      if (options.json) {
        std::cout << boost::json::serialize(
                         boost::json::object{{"serial", serial}, {"puk", puk->reveal()}, {"puk_file_error", error}})
                  << "\n";
      } else {
        std::cout << say("PUK dosyaya yazılamadı ve portal onu bir daha vermez; şimdi not edin: ",
                         "The PUK could not be written and the portal does not give it again; note it now: ")
                  << puk->reveal() << "\n";
      }
      return exit_failed;
    }
  }
  if (options.json) {
    boost::json::object result{{"serial", serial}};
    if (out.empty()) {
      result["puk"] = puk->reveal();
    } else {
      result["puk_file"] = out;
    }
    std::cout << boost::json::serialize(result) << "\n";
  } else if (out.empty()) {
    std::cout << say("Kartınızın PUK'u (bir kez gösterilir; saklayın): ",
                     "Your card's PUK (shown once; keep it safe): ")
              << puk->reveal() << "\n";
  } else {
    std::cout << say("PUK şu dosyaya yazıldı (yalnız siz okuyabilirsiniz): ",
                     "The PUK is in this file (only you can read it): ")
              << out << "\n";
  }
  if (!options.json) {
    std::cout << say("Şimdi PIN'i kartta kurun: nes token unblock", "Now set the PIN on the card: nes token unblock")
              << (out.empty() ? std::string() : " --puk-file " + out) << "\n";
  }
  return exit_ok;
}

}  // namespace nes::cli
