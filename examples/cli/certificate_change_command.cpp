#include "certificate_change_command.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"
#include "secret_input.hpp"
#include "sms_confirmation.hpp"

#include <nes/certificates.hpp>
#include <nes/messages.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(say(
      "Kullanım: nes certificates suspend|unsuspend|revoke --serial SERİ --portal URL [--reason NEDEN] [--yes]\n"
      "                          [--otp-command KOMUT] [--tckn NO] [--password-file DOSYA] [--ca-file DOSYA] [--json]\n"
      "Sertifikanızı askıya alır (suspend), askıdan indirir (unsuspend) ya da iptal eder (revoke,\n"
      "Sertifikamı İptal Et). Portal başvurunuzdaki cep telefonuna bir SMS kodu gönderir; değişiklik kod\n"
      "girilince yapılır. Kod terminalden sorulur (yanlış yazılırsa deneme hakkı kaldıkça yeniden) ya da\n"
      "--otp-command bir kez çalıştırılır; kod kendiliğinden yeniden gönderilmez. İptal geri alınamaz:\n"
      "--yes ya da terminalde 'evet' ister. --reason iptalin nedenidir: unspecified, keyCompromise (kart\n"
      "kaybı ya da çalınması), affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn.\n"
      "Çıkış durumu: 0 yapıldı, 1 reddedildi ya da kod hatalı, 2 kullanım hatası, 3 geçici sorun.\n",
      "Usage: nes certificates suspend|unsuspend|revoke --serial SERIAL --portal URL [--reason REASON] [--yes]\n"
      "                          [--otp-command CMD] [--tckn N] [--password-file FILE] [--ca-file FILE] [--json]\n"
      "Suspends your certificate (suspend), lifts its suspension (unsuspend) or revokes it (revoke,\n"
      "Sertifikamı İptal Et). The portal sends an SMS code to your application's mobile phone; the change\n"
      "is made once the code is given. The code is asked on the terminal (again after a typo, while it\n"
      "takes tries), or --otp-command runs once; the code is never sent again on its own. A revocation\n"
      "cannot be undone: it needs --yes or 'evet' typed at the terminal. --reason is the revocation's\n"
      "reason: unspecified, keyCompromise (a lost or stolen card), affiliationChanged, superseded,\n"
      "cessationOfOperation, privilegeWithdrawn.\n"
      "Exit status: 0 done, 1 refused or a wrong code, 2 usage error, 3 transient.\n"));
}

bool revocation_agreed(bool yes) {
  if (yes) return true;
  std::cerr << say("İptal geri alınamaz: sertifika bir daha kullanılamaz.\n",
                   "A revocation cannot be undone: the certificate can never be used again.\n");
  const auto typed =
      read_terminal_line(std::string(say("Devam etmek için 'evet' yazın: ", "Type 'evet' (yes) to go on: ")));
  return typed && (*typed == "evet" || *typed == "EVET");
}

}  // namespace

int run_certificate_change(const std::string& action, const std::vector<std::string>& args) {
  const std::string command = "certificates " + action;
  const auto change = certificate_change_from_string(action);
  ApplyOptions options;
  PersonLogin login;
  std::string serial;
  std::string reason;
  bool yes = false;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  add_certificate_request_options(d, serial, options.otp_command);
  d.add_options()("reason", po::value(&reason), text("iptalin nedeni", "the revocation's reason").c_str())(
      "yes", po::bool_switch(&yes), text("iptali sormadan onayla", "agree to the revocation without asking").c_str());
  add_login_options(d, options, login);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, command, true)) return exit_usage;
  if (serial.empty()) return usage_error(command, "--serial gerekli", "--serial is required", options.json);
  if (!reason.empty() && change != CertificateChange::revoke) {
    return usage_error(command, "--reason yalnız iptalde verilir", "--reason goes with revoke only", options.json);
  }
  if (change == CertificateChange::revoke && !revocation_agreed(yes)) {
    return usage_error(command, "iptal onaylanmadı (--yes)", "the revocation was not agreed to (--yes)", options.json);
  }
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  const Certificates certificates(*session.session);
  auto [rec, pending] = run_on<PendingChange>(
      io, [&](auto h) { certificates.async_request_change(serial, *change, reason, std::move(h)); });
  if (rec) return failed(command, rec, pending.problem(), options);
  std::cerr << say("SMS kodu gönderildi: ", "An SMS code was sent to ") << pending->otp.phone_masked << " ("
            << pending->otp.seconds_left().count() << say(" saniye geçerli)\n", " seconds)\n");
  auto answer =
      confirm_with_code<IssuedCertificate>(io, options.otp_command, pending->id, pending->otp.phone_masked,
                                           [&certificates, &asked = *pending](SecretString code, auto h) {
                                             certificates.async_confirm_change(asked, std::move(code), std::move(h));
                                           });
  if (!answer) return exit_failed;
  const auto& [cec, certificate] = *answer;
  if (cec) return failed(command, cec, certificate.problem(), options);
  if (options.json) {
    boost::json::object out{{"serial", certificate->serial},
                            {"change", action},
                            {"state", to_string(certificate->state)},
                            {"state_text", say(state_label(certificate->state))}};
    if (!certificate->revocation_reason.empty()) out["revocation_reason"] = certificate->revocation_reason;
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    std::cout << say("Sertifika ", "Certificate ") << certificate->serial << ": "
              << say(state_label(certificate->state)) << "\n";
  }
  return exit_ok;
}

}  // namespace nes::cli
