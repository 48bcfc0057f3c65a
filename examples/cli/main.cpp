// nes: apply for a Nitelikli Elektronik Sertifika from the command line.
// Subcommands live in their own files; this one takes --lang and dispatches.

#include "apply_command.hpp"
#include "card_command.hpp"
#include "certificates_command.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "e_onay_command.hpp"
#include "global_options.hpp"
#include "journal_command.hpp"
#include "language.hpp"
#include "officer_command.hpp"
#include "portal_commands.hpp"
#include "prefill_command.hpp"
#include "renew_command.hpp"
#include "token_command.hpp"
#include "validate_command.hpp"

#include <nes/version.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Command = std::function<int(const std::vector<std::string>&)>;

const std::map<std::string, Command, std::less<>>& commands() {
  static const std::map<std::string, Command, std::less<>> all = {
      {"apply", nes::cli::run_apply},
      {"resume", nes::cli::run_resume},
      {"status", nes::cli::run_status},
      {"journal", nes::cli::run_journal},
      {"prefill", nes::cli::run_prefill},
      {"validate", nes::cli::run_validate},
      {"card", nes::cli::run_card},
      {"token", nes::cli::run_token},
      {"cancel", nes::cli::run_cancel},
      {"fees", nes::cli::run_fees},
      {"debt", nes::cli::run_debt},
      {"officer", nes::cli::run_officer},
      {"certificates", nes::cli::run_certificates},
      {"renew", nes::cli::run_renew},
      {"e-onay", nes::cli::run_e_onay},
  };
  return all;
}

std::string_view usage() {
  return nes::cli::say(
      "Kullanım: nes [--lang tr|en] [--verbose | --log-level DÜZEY] KOMUT [SEÇENEKLER]\n"
      "\n"
      "Komutlar:\n"
      "  apply      NES başvurusu: giriş, form, SMS kodu, onay (günlüğe yazılır)\n"
      "  resume     günlükteki tamamlanmamış başvuruları sürdür\n"
      "  status     günlükteki başvuruları listele (kimin olduğu maskeli)\n"
      "  journal    günlükteki bir kaydı göster, düzelt ya da sil\n"
      "  cancel     günlükteki bir başvuruyu portalda iptal et\n"
      "  fees       Fiyatlar: ücret tablosu\n"
      "  debt       Borç Sorgulama: kişinin ödemesi gereken\n"
      "  prefill    İK dışa aktarımını (CSV) denetlenmiş taslak formlara ve bir rapora çevir\n"
      "  validate   başvuru formlarını (JSON) denetle, her sorunu yaz\n"
      "  card       kart okuyucuları ve kartları listele (AKİS kartları tanınır)\n"
      "  token      e-imza kartları: PIN durumları, sertifikaların bitişi; PIN değiştir, PUK ile kilit çöz\n"
      "  officer    kurum yetkilisi: personel listesini gönder, başvuruları izle, listeyi imzala\n"
      "  certificates  Sertifika Listeleme; askıya al, askıdan indir, iptal et; kartın PUK'u\n"
      "  renew      Sertifika Yenileme: zamanı geldi mi (--check), ve yenileme başvurusu\n"
      "  e-onay     E-Onay: başvuruların SMS koduyla onaylanmasına sürekli onay; ver, geri al\n"
      "\n"
      "nes help KOMUT bir komutun seçeneklerini gösterir; nes --version sürümü. Arayüz Türkçedir;\n"
      "İngilizce için --lang en ya da NES_LANG=en. --verbose (ya da --log-level trace|debug|info|warning|error)\n"
      "SDK'nın günlüğünü standart hataya yazar; gizli bilgiler günlüğe hiç yazılmaz.\n",
      "Usage: nes [--lang tr|en] [--verbose | --log-level LEVEL] COMMAND [OPTIONS]\n"
      "\n"
      "Commands:\n"
      "  apply      apply for a NES: login, form, SMS code, approval (recorded in the journal)\n"
      "  resume     continue the journal's unfinished applications\n"
      "  status     list the journal's applications (whose, masked)\n"
      "  journal    show, correct or drop an entry of the journal\n"
      "  cancel     cancel an application of the journal on the portal\n"
      "  fees       Fiyatlar: the fee table\n"
      "  debt       Borç Sorgulama: what a person owes\n"
      "  prefill    turn an HR export (CSV) into validated draft forms and a report\n"
      "  validate   check application forms (JSON) and print every problem\n"
      "  card       list the card readers and their cards (AKİS cards recognised)\n"
      "  token      the e-imza tokens: PIN status, certificates' expiry; change the PIN, unblock with the PUK\n"
      "  officer    the institution's officer: send the staff list, follow the applications, sign the list\n"
      "  certificates  Sertifika Listeleme; suspend, lift a suspension, revoke; the card's PUK\n"
      "  renew      Sertifika Yenileme: is it due (--check), and the renewal application\n"
      "  e-onay     E-Onay: a standing consent to approval by SMS code; give, withdraw\n"
      "\n"
      "nes help COMMAND shows a command's options; nes --version the version. The interface is\n"
      "Turkish; --lang en or NES_LANG=en for English. --verbose (or --log-level trace|debug|info|warning|error)\n"
      "writes the SDK's log to standard error; secrets never reach it.\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string bad;
  if (!nes::cli::take_global_options(args, bad)) {
    std::cerr << "nes: " << nes::cli::say("geçersiz değer: ", "not a valid value: ") << bad
              << " (--lang tr|en, --log-level "
              << "error|warning|info|debug|trace)\n";
    return nes::cli::exit_usage;
  }
  if (args.empty()) {
    std::cerr << usage();
    return nes::cli::exit_usage;
  }
  const std::string command = args.front();
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "help" && !rest.empty()) {
    const auto found = commands().find(rest.front());
    if (found == commands().end()) {
      std::cerr << "nes: " << nes::cli::say("bilinmeyen komut: ", "unknown command: ") << rest.front() << "\n";
      return nes::cli::exit_usage;
    }
    // "nes help token unblock": the subcommand's own help.
    std::vector<std::string> asked(rest.begin() + 1, rest.end());
    asked.emplace_back("--help");
    return found->second(asked);
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << usage();
    return nes::cli::exit_ok;
  }
  if (command == "--version") {
    std::cout << "nes " << nes::version_string << "\n";
    return nes::cli::exit_ok;
  }
  const auto found = commands().find(command);
  if (found == commands().end()) {
    std::cerr << "nes: " << nes::cli::say("bilinmeyen komut: ", "unknown command: ") << command << "\n" << usage();
    return nes::cli::exit_usage;
  }
  return found->second(rest);
}
