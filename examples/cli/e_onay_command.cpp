#include "e_onay_command.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "expiry.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"
#include "profile_signer.hpp"

#include <nes/e_onay.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(
      say("Kullanım: nes e-onay [status] --portal URL [--tckn NO] [--password-file DOSYA] [--ca-file DOSYA] [--json]\n"
          "          nes e-onay give --portal URL [--module YOL] [--token-label ETİKET] [--pin-file DOSYA]\n"
          "                     [--tsa URL --tsa-customer NO --tsa-ca DOSYA] [giriş seçenekleri]\n"
          "          nes e-onay withdraw --portal URL [giriş seçenekleri]\n"
          "E-Onay İşlemleri: E-Onay, sonraki başvurularınızın e-imza ya da ıslak imza olmadan, SMS koduyla\n"
          "onaylanmasına (e-onaylı) verdiğiniz sürekli onaydır. give portalın onay metnini kartınızla imzalar\n"
          "(portalın imza profiline göre; zaman damgası gerekiyorsa --tsa seçenekleriyle); sonra başvurular\n"
          "nes apply --approve e-onay ile tamamlanır. withdraw onayı geri alır. status durumunu gösterir.\n"
          "Çıkış durumu: 0 yapıldı, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes e-onay [status] --portal URL [--tckn N] [--password-file FILE] [--ca-file FILE] [--json]\n"
          "       nes e-onay give --portal URL [--module PATH] [--token-label LABEL] [--pin-file FILE]\n"
          "                  [--tsa URL --tsa-customer N --tsa-ca FILE] [login options]\n"
          "       nes e-onay withdraw --portal URL [login options]\n"
          "E-Onay İşlemleri: E-Onay is your standing consent that your later applications are approved by their\n"
          "SMS code, with no signature and no paper (e-onaylı). give signs the portal's consent text on your card\n"
          "(to the portal's signature profile; with the --tsa options when it needs time stamps); applications\n"
          "are then completed with nes apply --approve e-onay. withdraw takes it back. status shows where it stands.\n"
          "Exit status: 0 done, 1 refused, 2 usage error, 3 transient.\n"));
}

std::string_view state_text(EOnayState state) {
  switch (state) {
    case EOnayState::given:
      return say("verildi: başvurular SMS koduyla onaylanabilir", "given: applications may be approved by SMS code");
    case EOnayState::withdrawn:
      return say("geri alındı", "withdrawn");
    case EOnayState::none:
      break;
  }
  return say("verilmedi", "not given");
}

int report(const EOnayStatus& status, bool json) {
  if (json) {
    boost::json::object out{{"state", to_string(status.state)}, {"state_text", state_text(status.state)}};
    if (status.given_at) out["given_at"] = utc_date(*status.given_at);
    if (status.withdrawn_at) out["withdrawn_at"] = utc_date(*status.withdrawn_at);
    std::cout << boost::json::serialize(out) << "\n";
    return exit_ok;
  }
  std::cout << "E-Onay: " << state_text(status.state);
  if (status.state == EOnayState::given && status.given_at) std::cout << " (" << utc_date(*status.given_at) << ")";
  std::cout << "\n";
  return exit_ok;
}

}  // namespace

int run_e_onay(const std::vector<std::string>& args) {
  std::string action = "status";
  auto rest = args;
  if (!rest.empty() && (rest.front() == "status" || rest.front() == "give" || rest.front() == "withdraw")) {
    action = rest.front();
    rest.erase(rest.begin());
  }
  const std::string command = "e-onay " + action;
  ApplyOptions options;
  PersonLogin login;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  add_login_options(d, options, login);
  if (action == "give") add_signing_options(d, options);
  bool help = false;
  if (!parse_command_line(rest, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, command, true)) return exit_usage;
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  const EOnay consent(*session.session);
  if (action == "status") {
    auto [ec, status] = run_on<EOnayStatus>(io, [&](auto h) { consent.async_status(std::move(h)); });
    if (ec) return failed(command, ec, status.problem(), options);
    return report(*status, options.json);
  }
  if (action == "withdraw") {
    auto [ec, status] = run_on<EOnayStatus>(io, [&](auto h) { consent.async_withdraw(std::move(h)); });
    if (ec) return failed(command, ec, status.problem(), options);
    return report(*status, options.json);
  }
  auto [dec, document] = run_on<std::string>(io, [&](auto h) { consent.async_document(std::move(h)); });
  if (dec) return failed(command, dec, document.problem(), options);
  // The portal's signature profile, which the consent is signed to.
  auto client = client_for(io, options, command);
  if (!client) return exit_failed;
  auto [pec, about] = run_on<PortalInfo>(io, [&](auto h) { client->async_info(std::move(h)); });
  if (pec) return failed(command, pec, about.problem(), options);
  auto signer = make_signer(options, io.get_executor(), command);
  if (!signer) return exit_usage;
  auto [sec, signature] =
      run_on<Signature>(io, [&](auto h) { signer->async_sign(*document, about->signature_profile, std::move(h)); });
  if (sec) return failed(command, sec, signature.problem(), options);
  auto [gec, status] =
      run_on<EOnayStatus>(io, [&](auto h) { consent.async_give(std::move(signature->cms_der), std::move(h)); });
  if (gec) return failed(command, gec, status.problem(), options);
  return report(*status, options.json);
}

}  // namespace nes::cli
