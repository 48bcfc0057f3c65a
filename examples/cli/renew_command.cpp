#include "renew_command.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "expiry.hpp"
#include "hook.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"

#include <nes/certificates.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(say(
      "Kullanım: nes renew --check --portal URL [--hook KOMUT] [--tckn NO] [--password-file DOSYA] [--ca-file DOSYA]\n"
      "                    [--json]\n"
      "Sertifika Yenileme zamanı geldi mi: portalın size verdiği etkin sertifikalardan yenilemesi açılmış\n"
      "olanları (bitişten üç ay önce) bulur. --hook verilirse yenilemesi açık her sertifika için komutu\n"
      "çalıştırır; ortamında NES_RENEW_EVENT=due, NES_CERT_SERIAL, NES_CERT_NOT_AFTER (RFC 3339),\n"
      "NES_CERT_DAYS_LEFT ve NES_CERT_APPLICATION. Yenileme başvurusunun kendisi henüz bu programda yok.\n"
      "Çıkış durumu: 0 yenilemesi açık sertifika var, 4 henüz yok, 1 reddedildi ya da kanca başarısız,\n"
      "2 kullanım hatası, 3 geçici sorun.\n",
      "Usage: nes renew --check --portal URL [--hook CMD] [--tckn N] [--password-file FILE] [--ca-file FILE]\n"
      "                 [--json]\n"
      "Is a renewal due (Sertifika Yenileme): finds the active certificates the portal issued to you whose\n"
      "renewal is open (from three months before expiry). With --hook, runs the command for each of them,\n"
      "with NES_RENEW_EVENT=due, NES_CERT_SERIAL, NES_CERT_NOT_AFTER (RFC 3339), NES_CERT_DAYS_LEFT and\n"
      "NES_CERT_APPLICATION in its environment. The renewal application itself is not in this program yet.\n"
      "Exit status: 0 a renewal is due, 4 none yet, 1 refused or a hook failed, 2 usage error, 3 transient.\n"));
}

std::string rfc3339(IssuedCertificate::Clock::time_point t) {
  const std::time_t seconds = IssuedCertificate::Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

int run_renew(const std::vector<std::string>& args) {
  const std::string command = "renew";
  ApplyOptions options;
  PersonLogin login;
  bool check = false;
  std::string hook;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()(
      "check", po::bool_switch(&check),
      text("yalnız yenilemenin açık olup olmadığını denetle", "only check whether a renewal is due").c_str())(
      "hook", po::value(&hook),
      text("yenilemesi açık her sertifika için çalışacak komut",
           "a command run for each certificate whose renewal is due")
          .c_str());
  add_login_options(d, options, login);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check) {
    return usage_error(command, "yalnız --check var: yenileme başvurusunun kendisi henüz bu programda yok",
                       "only --check is here: the renewal application itself is not in this program yet", options.json);
  }
  if (!check_apply_options(options, command, true)) return exit_usage;
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  const Certificates certificates(*session.session);
  auto [ec, list] = run_on<std::vector<IssuedCertificate>>(io, [&](auto h) { certificates.async_list(std::move(h)); });
  if (ec) return failed(command, ec, list.problem(), options);
  const auto now = IssuedCertificate::Clock::now();
  boost::json::array due;
  bool hooks_ok = true;
  for (const auto& c : *list) {
    if (!c.renewal_due(now)) continue;
    due.push_back({{"serial", c.serial},
                   {"application_id", c.application_id},
                   {"not_after", rfc3339(c.not_after)},
                   {"days_left", c.days_left(now).count()}});
    if (!options.json) {
      std::cout << say("Yenileme zamanı: sertifika ", "Renewal due: certificate ") << c.serial << ", "
                << days_left_text(c.days_left(now)) << " (" << utc_date(c.not_after) << ")\n";
    }
    if (hook.empty()) continue;
    const int status = run_hook(
        hook,
        {"NES_RENEW_EVENT=due", "NES_CERT_SERIAL=" + c.serial, "NES_CERT_NOT_AFTER=" + rfc3339(c.not_after),
         "NES_CERT_DAYS_LEFT=" + std::to_string(c.days_left(now).count()), "NES_CERT_APPLICATION=" + c.application_id});
    if (status != 0) {
      hooks_ok = false;
      std::cerr << "nes renew: " << say("kanca başarısız oldu (çıkış ", "the hook failed (exit ") << status << ")\n";
    }
  }
  if (options.json) {
    std::cout << boost::json::serialize(boost::json::object{{"due", due}}) << "\n";
  } else if (due.empty()) {
    std::cout << say("Yenilemesi açık sertifika yok.\n", "No certificate is due for renewal.\n");
  }
  if (!hooks_ok) return exit_failed;
  return due.empty() ? exit_renewal_not_due : exit_ok;
}

}  // namespace nes::cli
