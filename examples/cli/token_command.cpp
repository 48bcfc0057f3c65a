#include "token_command.hpp"

#include "token_pin_command.hpp"

#include "apply_flow.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "expiry.hpp"
#include "input_file.hpp"
#include "language.hpp"
#include "portal_call.hpp"
#include "problem_text.hpp"
#include "run_operation.hpp"

#include <nes/issued_certificate.hpp>
#include <nes/messages.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/status_check.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/program_options.hpp>

#include <ctime>
#include <iostream>
#include <optional>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(
      say("Kullanım: nes token list [--module YOL] [--token-label ETİKET | --token-serial SERİ] [--json]\n"
          "                      [--check-status --signer-ca DOSYA... [--ocsp URL] [--ca-file DOSYA]]\n"
          "PKCS#11 kartlarını (e-imza kartları) PIN durumlarıyla, sertifikalarını da sahibinin T.C. Kimlik No'su,\n"
          "veren kuruluş, bitiş tarihi ve kalan günle listeler. PIN sorulmaz. --check-status her sertifikanın\n"
          "durumunu (geçerli, askıda, iptal edildi) OCSP'ye, yanıt yoksa SİL'e (CRL) sorar; veren SM'nin\n"
          "sertifikası --signer-ca ile verilir.\n"
          "Modül: --module, yoksa NES_PKCS11_MODULE, yoksa AKİS modülünün bilinen yerleri.\n"
          "PIN'i değiştirmek ve kilidini PUK ile çözmek: nes token change-pin, nes token unblock (--help).\n"
          "Çıkış durumu: 0 listelendi, 1 modül yok, böyle bir kart yok ya da kart hatası, 2 kullanım hatası.\n",
          "Usage: nes token list [--module PATH] [--token-label LABEL | --token-serial SERIAL] [--json]\n"
          "                      [--check-status --signer-ca FILE... [--ocsp URL] [--ca-file FILE]]\n"
          "Lists the PKCS#11 tokens (e-imza cards) with their PIN status, and their certificates\n"
          "with the holder's T.C. Kimlik No, the issuer, the expiry date and the days left. No PIN is asked.\n"
          "--check-status asks each certificate's status (good, suspended, revoked) of OCSP, else of its CRL;\n"
          "the issuing CA's certificate comes with --signer-ca.\n"
          "The module: --module, else NES_PKCS11_MODULE, else the AKİS module's usual places.\n"
          "To change the PIN, or unblock it with the PUK: nes token change-pin, nes token unblock (--help).\n"
          "Exit status: 0 listed, 1 no module, no such token, or a token error, 2 usage error.\n"));
}

struct Options {
  std::string module;
  std::string label;
  std::string serial;
  bool json = false;
  bool check_status = false;
  std::vector<std::string> signer_ca;  ///< the issuers (PEM files)
  std::string ocsp;                    ///< for a certificate that names no responder
  std::string ca_file;                 ///< to trust for the status sources' TLS
};

std::string pin_status(const PinStatus& pin) {
  if (pin.locked) {
    return std::string(say("KİLİTLİ: PUK ile kilidini çözün (PIN Oluşturma/Kilit Çözme)",
                           "LOCKED: unblock it with the PUK (PIN Oluşturma/Kilit Çözme)"));
  }
  if (pin.final_try)
    return std::string(say("son deneme: yanlış bir PIN kartı kilitler", "one try left: a wrong PIN locks it"));
  if (pin.count_low) {
    return std::string(
        say("son doğru PIN'den beri yanlış PIN girildi", "a wrong PIN was entered since the last right one"));
  }
  return std::string(say("tamam", "ok"));
}

using Checked = std::pair<error_code, Result<StatusCheck>>;

struct TokenReport {
  TokenInfo token;
  std::vector<CertificateInfo> certificates;
  std::vector<Checked> statuses{};  ///< with --check-status, each certificate's
};

std::optional<std::vector<TokenInfo>> list_tokens(const Options& options) {
  auto [ec, tokens] = run_operation<std::vector<TokenInfo>>([&](auto& io, auto handler) {
    error_code create_error;
    std::string detail;
    auto signer =
        Pkcs11Signer::create(io.get_executor(), Pkcs11Options{.module = options.module}, create_error, &detail);
    if (!signer) {
      std::cerr << "nes token: " << problem_text(create_error, nullptr) << " " << detail << "\n";
      return;
    }
    signer->async_tokens(
        [signer, handler](error_code e, Result<std::vector<TokenInfo>> r) mutable { handler(e, std::move(r)); });
  });
  if (ec || !tokens.has_value()) {
    if (ec) print_failure("token", ec, tokens.problem());
    return std::nullopt;
  }
  return std::move(tokens).value();
}

// One signer per token, one after another: a module is initialised once at a time.
std::optional<std::vector<CertificateInfo>> list_certificates(const Options& options, const TokenInfo& token) {
  auto [ec, certificates] = run_operation<std::vector<CertificateInfo>>([&](auto& io, auto handler) {
    error_code create_error;
    auto signer = Pkcs11Signer::create(
        io.get_executor(), Pkcs11Options{.module = options.module, .token_serial = token.serial}, create_error);
    if (!signer) return;
    signer->async_certificates(
        [signer, handler](error_code e, Result<std::vector<CertificateInfo>> r) mutable { handler(e, std::move(r)); });
  });
  if (ec) {
    print_failure("token", ec, certificates.problem());
    return std::nullopt;
  }
  return std::move(certificates).value();
}

// Each certificate's status of its OCSP responder, else its CRL.
bool check_statuses(const Options& options, std::vector<TokenReport>& reports) {
  ValidationSources sources;
  sources.default_ocsp_url = options.ocsp;
  for (const auto& file : options.signer_ca) {
    std::string error;
    auto pem = read_input_file(file, error);
    if (!pem) {
      std::cerr << "nes token: " << error << "\n";
      return false;
    }
    sources.ca_certificates_pem.emplace_back(pem->reveal());
  }
  boost::asio::io_context io;
  error_code ec;
  std::string detail;
  auto transport =
      make_https_transport(io.get_executor(), client_options_for(options.ocsp, options.ca_file), ec, &detail);
  if (!transport) {
    std::cerr << "nes token: " << problem_text(ec, nullptr) << " " << detail << "\n";
    return false;
  }
  const StatusChecker checker(transport, std::move(sources));
  for (auto& report : reports) {
    for (const auto& c : report.certificates) {
      report.statuses.push_back(
          run_on<StatusCheck>(io, [&checker, &c](auto h) { checker.async_check(c.certificate_pem, std::move(h)); }));
    }
  }
  return true;
}

std::string status_text(const Checked& checked) {
  const auto& status = checked.second;
  if (checked.first)
    return std::string(say("bilinmiyor: ", "unknown: ")) + problem_text(checked.first, status.problem());
  std::string text;
  switch (status->status) {
    case RevocationStatus::good:
      text = say("geçerli", "good");
      break;
    case RevocationStatus::suspended:
      text = say("ASKIDA: askıdan indirilene kadar imza atamaz", "SUSPENDED: it cannot sign until the hold is lifted");
      break;
    case RevocationStatus::revoked:
      text = say("İPTAL EDİLDİ: bir daha kullanılamaz", "REVOKED: it can never be used again");
      break;
  }
  if (status->status == RevocationStatus::revoked) {
    if (const auto reason = revocation_reason_label(status->reason)) text += " (" + std::string(say(*reason)) + ")";
  }
  text += ", " + status->source;
  if (status->since) text += ", " + utc_date(*status->since);
  return text;
}

boost::json::object status_json(const Checked& checked) {
  const auto& status = checked.second;
  if (checked.first) return {{"refusal", refusal_json(checked.first, status.problem(), {})}};
  boost::json::object out{{"state", to_string(status->status)}, {"source", status->source}};
  if (!status->reason.empty()) out["reason"] = status->reason;
  if (status->since) out["since"] = utc_date(*status->since);
  return out;
}

void print_text(const std::vector<TokenReport>& reports) {
  if (reports.empty())
    std::cout << say("Kart bulunamadı (kart okuyucuda mı?)\n", "No token (is the card in the reader?)\n");
  const auto now = CertificateInfo::Clock::now();
  for (const auto& [token, certificates, statuses] : reports) {
    std::cout << token.label << " (" << say("seri ", "serial ") << token.serial << ", " << token.manufacturer << " "
              << token.model << ")\n"
              << "  " << say("okuyucu: ", "reader: ") << token.slot_description << "\n"
              << "  PIN: " << pin_status(token.pin) << "\n";
    if (certificates.empty())
      std::cout << say("  özel anahtarlı sertifika yok\n", "  no certificate with a private key\n");
    for (std::size_t i = 0; i < certificates.size(); ++i) {
      const auto& c = certificates[i];
      const std::string left = days_left_text(c.days_left(now));
      std::cout << "  " << say("sertifika ", "certificate ") << c.common_name << "\n"
                << "    T.C. Kimlik No: " << (c.tckn.empty() ? "-" : c.tckn) << "\n"
                << "    " << say("konu:           ", "subject:        ") << c.subject << "\n"
                << "    " << say("veren:          ", "issuer:         ") << c.issuer << "\n"
                << "    " << say("bitiş:          ", "expires:        ") << utc_date(c.not_after) << " (" << left
                << ")\n"
                << "    e-imza:         "
                << (c.non_repudiation ? say("evet (inkâr edilemezlik)", "yes (nonRepudiation)")
                                      : say("hayır: e-imza sertifikası değil", "no: not an e-imza certificate"))
                << "\n"
                << "    " << say("nitelikli:      ", "qualified:      ")
                << (c.qualified ? say("evet (NES)", "yes (NES)")
                                : say("hayır: test sertifikası; Kamu SM kabul etmez",
                                      "no: a test certificate; Kamu SM does not accept it"))
                << "\n"
                << "    " << say("anahtar:        ", "key:            ") << c.key_type << ", CKA_ID "
                << c.token_object_id << "\n";
      if (i < statuses.size()) {
        std::cout << "    " << say("durum:          ", "status:         ") << status_text(statuses[i]) << "\n";
      }
      if (const auto warning = expiry_warning(c.days_left(now)); !warning.empty())
        std::cout << "    " << warning << "\n";
    }
  }
}

void print_json(const std::vector<TokenReport>& reports) {
  const auto now = CertificateInfo::Clock::now();
  boost::json::array tokens;
  for (const auto& [token, certificates, statuses] : reports) {
    boost::json::array certs;
    for (std::size_t i = 0; i < certificates.size(); ++i) {
      const auto& c = certificates[i];
      certs.push_back(
          boost::json::object{{"common_name", c.common_name},
                              {"tckn", c.tckn},
                              {"subject", c.subject},
                              {"issuer", c.issuer},
                              {"serial_number", c.serial_number},
                              {"not_before", utc_date(c.not_before)},
                              {"not_after", utc_date(c.not_after)},
                              {"days_left", c.days_left(now).count()},
                              {"expiring_soon", c.valid_at(now) && c.days_left(now) <= expiry_warning_period},
                              {"valid_now", c.valid_at(now)},
                              {"non_repudiation", c.non_repudiation},
                              {"qualified", c.qualified},
                              {"key_type", c.key_type},
                              {"id", c.token_object_id},
                              {"label", c.token_object_label}});
      if (i < statuses.size()) certs.back().as_object()["status"] = status_json(statuses[i]);
    }
    tokens.push_back(boost::json::object{{"label", token.label},
                                         {"serial", token.serial},
                                         {"manufacturer", token.manufacturer},
                                         {"model", token.model},
                                         {"reader", token.slot_description},
                                         {"pin", boost::json::object{{"count_low", token.pin.count_low},
                                                                     {"final_try", token.pin.final_try},
                                                                     {"locked", token.pin.locked}}},
                                         {"certificates", std::move(certs)}});
  }
  std::cout << boost::json::serialize(boost::json::object{{"tokens", std::move(tokens)}}) << "\n";
}

std::optional<Options> parse_options(const std::vector<std::string>& args, bool& help) {
  Options options;
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  po::options_description named(text("Seçenekler", "Options"));
  named.add_options()("module", po::value(&options.module),
                      text("PKCS#11 modülü (.so)", "the PKCS#11 module (.so)").c_str())(
      "token-label", po::value(&options.label),
      text("yalnız bu etiketli kart", "only the token with this label").c_str())(
      "token-serial", po::value(&options.serial),
      text("yalnız bu seri no'lu kart", "only the token with this serial").c_str())(
      "json", po::bool_switch(&options.json), text("tek bir JSON belgesi yaz", "print one JSON document").c_str())(
      "check-status", po::bool_switch(&options.check_status),
      text("her sertifikanın durumunu OCSP'ye ya da SİL'e sor", "ask each certificate's status of OCSP or its CRL")
          .c_str())("signer-ca", po::value(&options.signer_ca)->composing(),
                    text("sertifikaları veren SM'nin sertifikası (PEM; birden çok kez)",
                         "the issuing CA's certificate (PEM; repeatable)")
                        .c_str())(
      "ocsp", po::value(&options.ocsp),
      text("kendi OCSP adresi olmayan sertifika için OCSP", "OCSP for a certificate that names none").c_str())(
      "ca-file", po::value(&options.ca_file),
      text("OCSP ve SİL adresleri için güvenilecek CA (PEM)", "a CA (PEM) to trust for the OCSP and CRL addresses")
          .c_str())("help,h", text("bu yardımı göster", "show this help").c_str());
  if (!parse_command_line(args, named, usage(), "token", help)) return std::nullopt;
  if (!help && options.check_status && options.signer_ca.empty()) {
    usage_error("token", "--check-status, sertifikaları veren SM'nin sertifikasını (--signer-ca) ister",
                "--check-status needs the issuing CA's certificate (--signer-ca)", options.json);
    return std::nullopt;
  }
  return options;
}

}  // namespace

int run_token(const std::vector<std::string>& args) {
  if (!args.empty() && (args.front() == "change-pin" || args.front() == "unblock")) return run_token_pin(args);
  if (args.empty() || (args.front() != "list" && args.front() != "--help" && args.front() != "-h")) {
    std::cerr << usage();
    return exit_usage;
  }
  bool help = false;
  const auto options =
      parse_options(std::vector<std::string>(args.begin() + (args.front() == "list"), args.end()), help);
  if (!options) return exit_usage;
  if (help) return exit_ok;
  const auto tokens = list_tokens(*options);
  if (!tokens) return exit_failed;
  std::vector<TokenReport> reports;
  for (const auto& token : *tokens) {
    if (!options->label.empty() && token.label != options->label) continue;
    if (!options->serial.empty() && token.serial != options->serial) continue;
    auto certificates = list_certificates(*options, token);
    if (!certificates) return exit_failed;
    reports.push_back({token, std::move(*certificates)});
  }
  if (reports.empty() && (!options->label.empty() || !options->serial.empty())) {
    std::cerr << "nes token: " << say(message_of(errc::token_not_found)) << " "
              << (options->label.empty() ? std::string(say("seri ", "serial ")) + options->serial
                                         : std::string(say("etiket ", "label ")) + options->label)
              << "\n";
    return exit_failed;
  }
  if (options->check_status && !check_statuses(*options, reports)) return exit_failed;
  if (options->json)
    print_json(reports);
  else
    print_text(reports);
  return exit_ok;
}

}  // namespace nes::cli
