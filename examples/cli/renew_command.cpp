#include "renew_command.hpp"

#include "apply_command.hpp"
#include "apply_flow.hpp"
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
  return std::string(
      say("Kullanım: nes renew --check --portal URL [--hook KOMUT] [--tckn NO] [--password-file DOSYA] [--json]\n"
          "          nes renew --serial SERİ --form DOSYA --portal URL [--hook KOMUT] [nes apply SEÇENEKLERİ]\n"
          "Sertifika Yenileme. --check: portalın size verdiği etkin sertifikalardan yenilemesi açılmış olanları\n"
          "(bitişten üç ay önce) bulur; --hook verilirse her biri için komutu NES_RENEW_EVENT=due ile çalıştırır.\n"
          "Ortamında NES_CERT_SERIAL, NES_CERT_NOT_AFTER (RFC 3339), NES_CERT_DAYS_LEFT ve NES_CERT_APPLICATION.\n"
          "--serial ile: o sertifikanın yenileme başvurusunu formla yapar ve kartınızdaki o sertifikayla e-imza ile\n"
          "onaylar (nes apply --approve pkcs11 gibi; günlüğe yazılır, kesilirse aynı komut kaldığı yerden sürer).\n"
          "Onaylanınca --hook komutu NES_RENEW_EVENT=done, NES_CERT_SERIAL ve NES_RENEW_APPLICATION ile çalışır.\n"
          "Çıkış durumu: 0 yenilemesi açık sertifika var ya da yenileme onaylandı, 4 henüz yok (--check),\n"
          "1 reddedildi ya da kanca başarısız, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes renew --check --portal URL [--hook CMD] [--tckn N] [--password-file FILE] [--json]\n"
          "       nes renew --serial SERIAL --form FILE --portal URL [--hook CMD] [nes apply OPTIONS]\n"
          "Certificate renewal (Sertifika Yenileme). --check: finds the active certificates the portal issued to\n"
          "you whose renewal is open (from three months before expiry); with --hook, runs the command for each,\n"
          "with NES_RENEW_EVENT=due, NES_CERT_SERIAL, NES_CERT_NOT_AFTER (RFC 3339), NES_CERT_DAYS_LEFT and\n"
          "NES_CERT_APPLICATION in its environment.\n"
          "With --serial: applies for that certificate's renewal with the form and approves it by e-imza with that\n"
          "certificate on your card (as nes apply --approve pkcs11; journalled: after an interruption the same\n"
          "command continues). Once approved, --hook runs with NES_RENEW_EVENT=done, NES_CERT_SERIAL and\n"
          "NES_RENEW_APPLICATION.\n"
          "Exit status: 0 a renewal is due or the renewal is approved, 4 none due yet (--check), 1 refused or a\n"
          "hook failed, 2 usage error, 3 transient.\n"));
}

std::string rfc3339(IssuedCertificate::Clock::time_point t) {
  const std::time_t seconds = IssuedCertificate::Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// --check: the certificates whose renewal is open, and the `due` hook.
int check_renewal(ApplyOptions& options, PersonLogin& login, const std::string& hook) {
  const std::string command = "renew";
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

// --serial: the renewal application, approved with the renewed certificate, and the `done` hook.
int apply_for_renewal(ApplyOptions& options, const std::string& form_file, const std::string& hook) {
  const std::string command = "renew";
  if (options.approve.empty()) options.approve = "pkcs11";
  if (options.approve != "pkcs11") {
    return usage_error(command, "yenileme, yenilenen sertifikayla e-imza ile onaylanır: --approve pkcs11",
                       "a renewal is approved by e-imza with the certificate it renews: --approve pkcs11",
                       options.json);
  }
  if (form_file.empty()) return usage_error(command, "--form gerekli", "--form is required", options.json);
  if (!check_apply_options(options, command, true)) return exit_usage;
  std::optional<ApplicationForm> form;
  if (const int checked = check_form_file(form_file, form, options.json, command); checked != exit_ok) return checked;
  auto journal = open_journal(options, command);
  if (!journal) return exit_failed;
  const auto result = apply_form(journal, *form, options);
  report_result(result, options.json);
  if (!result.finished) return result_status(result);
  if (result.entry.renews != options.renews) {
    // The journal's unfinished application of this person and institution went first.
    std::cerr << "nes renew: "
              << say("günlükteki önceki başvuru tamamlandı; yenileme için komutu yeniden çalıştırın\n",
                     "the journal's earlier application was finished; run the command again for the renewal\n");
    return exit_failed;
  }
  if (hook.empty()) return exit_ok;
  const int status = run_hook(hook, {"NES_RENEW_EVENT=done", "NES_CERT_SERIAL=" + options.renews,
                                     "NES_RENEW_APPLICATION=" + result.entry.application_id});
  if (status == 0) return exit_ok;
  std::cerr << "nes renew: " << say("kanca başarısız oldu (çıkış ", "the hook failed (exit ") << status << ")\n";
  return exit_failed;
}

}  // namespace

int run_renew(const std::vector<std::string>& args) {
  const std::string command = "renew";
  ApplyOptions options;
  PersonLogin login;
  bool check = false;
  std::string hook;
  std::string form_file;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()(
      "check", po::bool_switch(&check),
      text("yalnız yenilemenin açık olup olmadığını denetle", "only check whether a renewal is due").c_str())(
      "serial", po::value(&options.renews),
      text("yenilenecek sertifikanın seri numarası (nes certificates gösterir)",
           "the serial of the certificate to renew (nes certificates shows it)")
          .c_str())("form", po::value(&form_file),
                    text("yenileme başvurusunun formu (JSON)", "the renewal application's form (JSON)").c_str())(
      "hook", po::value(&hook),
      text("yenilemesi açık her sertifika için (due) ve yenileme onaylanınca (done) çalışacak komut",
           "a command run for each certificate whose renewal is due (due), and once the renewal is approved (done)")
          .c_str())("tckn", po::value(&login.tckn_option),
                    text("--check: T.C. Kimlik No'nuz (ps ile görülebilir; $NES_TCKN yeğlenir)",
                         "--check: your T.C. Kimlik No (visible to ps; prefer $NES_TCKN)")
                        .c_str());
  add_apply_options(d, options);
  add_esign_login_option(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (check == !options.renews.empty()) {
    return usage_error(command, "--check ya da --serial gerekli, ikisi birden değil",
                       "--check or --serial is required, not both", options.json);
  }
  if (check && options.esign_login) {
    return usage_error(command, "--esign-login yenilemenin kendisi içindir (--serial)",
                       "--esign-login is for the renewal itself (--serial)", options.json);
  }
  return check ? check_renewal(options, login, hook) : apply_for_renewal(options, form_file, hook);
}

}  // namespace nes::cli
