#include "certificates_command.hpp"

#include "apply_options.hpp"
#include "certificate_change_command.hpp"
#include "certificate_puk_command.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "expiry.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"

#include <nes/certificates.hpp>
#include <nes/messages.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(
      say("Kullanım: nes certificates [list] --portal URL [--tckn NO] [--password-file DOSYA] [--ca-file DOSYA] "
          "[--json]\n"
          "          nes certificates suspend|unsuspend|revoke --serial SERİ ... (nes certificates suspend --help)\n"
          "          nes certificates puk --serial SERİ ... (PUK; nes certificates puk --help)\n"
          "Sertifika Listeleme: portalın size verdiği sertifikaları seri numarası, durum (etkin, askıda, iptal\n"
          "edildi, süresi doldu), geçerlilik ve yenilemenin açıldığı tarihle listeler; 90 gün içinde sona erecek\n"
          "sertifikalar için uyarır. e-Devlet ile giriş yapılır: T.C. Kimlik No --tckn'den, $NES_TCKN'den ya da\n"
          "terminalden; şifre --password-file'dan, $NES_PASSWORD'den ya da terminalden.\n"
          "Çıkış durumu: 0 listelendi, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes certificates [list] --portal URL [--tckn N] [--password-file FILE] [--ca-file FILE] [--json]\n"
          "       nes certificates suspend|unsuspend|revoke --serial SERIAL ... (nes certificates suspend --help)\n"
          "       nes certificates puk --serial SERIAL ... (the PUK; nes certificates puk --help)\n"
          "Sertifika Listeleme: lists the certificates the portal issued to you with their serial, state (active,\n"
          "suspended, revoked, expired), validity and the date renewal opens; warns about certificates that end\n"
          "within 90 days. Logs in through e-Devlet: the T.C. Kimlik No from --tckn, $NES_TCKN or the terminal;\n"
          "the password from --password-file, $NES_PASSWORD or the terminal.\n"
          "Exit status: 0 listed, 1 refused, 2 usage error, 3 transient.\n"));
}

std::string state_text(const IssuedCertificate& c) {
  std::string text(say(state_label(c.state)));
  if (c.state != CertificateState::revoked) return text;
  const auto reason = revocation_reason_label(c.revocation_reason);
  text += " (" + (reason ? std::string(say(*reason)) : c.revocation_reason);
  if (c.revoked_at) text += ", " + utc_date(*c.revoked_at);
  return text + ")";
}

boost::json::object certificate_json(const IssuedCertificate& c, IssuedCertificate::Clock::time_point now) {
  boost::json::object o{{"serial", c.serial},
                        {"application_id", c.application_id},
                        {"common_name", c.common_name},
                        {"state", to_string(c.state)},
                        {"state_text", state_text(c)},
                        {"not_before", utc_date(c.not_before)},
                        {"not_after", utc_date(c.not_after)},
                        {"days_left", c.days_left(now).count()},
                        {"renewal_from", utc_date(c.renewal_from)},
                        {"renewal_due", c.renewal_due(now)},
                        {"expiring_soon", c.expiring_soon(now)}};
  if (c.state == CertificateState::revoked) o["revocation_reason"] = c.revocation_reason;
  return o;
}

void print_text(const std::vector<IssuedCertificate>& list, const SessionInfo& who,
                IssuedCertificate::Clock::time_point now) {
  std::cout << say("Sertifikalarınız", "Your certificates") << " (" << who.first_name << " " << who.last_name << "):\n";
  if (list.empty()) std::cout << say("  henüz sertifika verilmedi\n", "  none issued yet\n");
  for (const auto& c : list) {
    std::cout << "  " << say("seri ", "serial ") << c.serial << "\n"
              << "    " << say("durum:       ", "state:       ") << state_text(c) << "\n"
              << "    " << say("geçerlilik:  ", "valid:       ") << utc_date(c.not_before) << " - "
              << utc_date(c.not_after) << " (" << days_left_text(c.days_left(now)) << ")\n"
              << "    " << say("başvuru:     ", "application: ") << c.application_id << "\n";
    // Only an active certificate is renewed: a revoked or expired one calls for a new application.
    if (c.state == CertificateState::active) {
      std::cout << "    " << say("yenileme:    ", "renewal:     ") << utc_date(c.renewal_from)
                << say(" tarihinden itibaren", " onwards")
                << (c.renewal_due(now) ? say(" (şimdi açık)", " (open now)") : "") << "\n";
      if (const auto warning = expiry_warning(c.days_left(now)); !warning.empty())
        std::cout << "    " << warning << "\n";
    }
  }
}

}  // namespace

int run_certificates(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "puk") {
    return run_certificate_puk(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (!args.empty() && (args.front() == "suspend" || args.front() == "unsuspend" || args.front() == "revoke")) {
    return run_certificate_change(args.front(), std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (!args.empty() && args.front() == "list") {
    return run_certificates(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  const std::string command = "certificates";
  ApplyOptions options;
  PersonLogin login;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  add_login_options(d, options, login);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, command, true)) return exit_usage;
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  const Certificates certificates(*session.session);
  auto [ec, list] = run_on<std::vector<IssuedCertificate>>(io, [&](auto h) { certificates.async_list(std::move(h)); });
  if (ec) return failed(command, ec, list.problem(), options);
  const auto now = IssuedCertificate::Clock::now();
  if (options.json) {
    boost::json::array out;
    for (const auto& c : *list) out.push_back(certificate_json(c, now));
    std::cout << boost::json::serialize(boost::json::object{{"certificates", std::move(out)}}) << "\n";
  } else {
    print_text(*list, session.session->info(), now);
  }
  return exit_ok;
}

}  // namespace nes::cli
