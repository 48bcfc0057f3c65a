#include "demo_institution.hpp"

#include "language.hpp"
#include "problem_text.hpp"

#include <nes/approver.hpp>
#include <nes/list_signer.hpp>
#include <nes/officer.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>
#include <nes/validation_data_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>

namespace nes::demo {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr const char* institution = "ornek-universitesi";

std::string padded(std::string_view label, std::size_t width) {
  std::size_t letters = 0;
  for (const char c : label) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return std::string(label) + std::string(width > letters ? width - letters : 0, ' ');
}

void step(int number, std::string_view label, const std::string& what) {
  std::printf("  %2d  %s %s\n", number, padded(label, 26).c_str(), what.c_str());
  std::fflush(stdout);
}

std::string failed(const error_code& ec, const Problem* problem) {
  return std::string(cli::say("BAŞARISIZ: ", "FAILED: ")) + cli::problem_text(ec, problem);
}

// A person's card, signing to P4 as the portal's profile needs: time-stamped,
// with the validation data.
std::shared_ptr<Signer> card_of(World& world, const test::SoftHsmToken& token, const asio::any_io_executor& executor) {
  Pkcs11Options options;
  options.module = token.module;
  options.token_label = token.label;
  options.certificate_id = "01";
  options.pin = [pin = token.pin](const PinRequest&, std::function<void(error_code, SecretString)> give) {
    give({}, SecretString(pin));  // the demo's own token: its PIN is known here
  };
  error_code ec;
  std::shared_ptr<Signer> signer = Pkcs11Signer::create(executor, options, ec);
  if (!signer) return nullptr;
  signer = std::make_shared<TimestampingSigner>(std::move(signer), *world.timestamps);
  return std::make_shared<ValidationDataSigner>(std::move(signer), world.validation_transport,
                                                world.validation_sources);
}

asio::awaitable<std::optional<Session>> login(World& world, const char* tckn, const char* password, int number) {
  auto [ec, session] = co_await world.client->async_login({SecretString(tckn), SecretString(password)}, use_tuple);
  if (ec) {
    step(number, "T.C. Kimlik No + Şifre", failed(ec, session.problem()));
    co_return std::nullopt;
  }
  co_return std::move(session).value();
}

// The staff member's route with the access code, to an approval by e-imza.
asio::awaitable<std::optional<ApplicationInfo>> staff_applies(World& world, const SecretString& code) {
  auto session = co_await login(world, "53304452938", "Demo-Parola-7", 4);
  if (!session) co_return std::nullopt;
  auto [aec, access] = co_await session->async_institution_access(code, use_tuple);
  if (aec) {
    step(9, "Erişim parolası", failed(aec, access.problem()));
    co_return std::nullopt;
  }
  step(9, "Erişim parolası",
       session->info().first_name + " " + session->info().last_name + " (" + session->info().tckn_masked +
           std::string(cli::say("): form, yetkilinin satırıyla dolu geldi",
                                "): the form came filled in from the officer's row")));
  ApplicationForm form = access->form;
  form.certificate = {.validity_years = 3, .card_reader = false, .publish_online = false};
  form.identity.mobile_phone = "0536 111 22 44";
  form.delivery = {.address_type = AddressType::work,
                   .address_line = "Üniversiteler Mah. Dumlupınar Blv. No: 1",
                   .district = "Çankaya",
                   .province = "Ankara",
                   .postal_code = "06800"};
  auto application = Application::for_institution(*session, form, code);
  auto [sec, submitted] = co_await application.async_submit({"no_refund"}, use_tuple);
  if (sec) {
    step(10, "Başvuru Formu", failed(sec, submitted.problem()));
    co_return std::nullopt;
  }
  step(10, "Başvuru Formu",
       submitted->id +
           std::string(cli::say(", kurum ödemeli; Ödenecek Tutar ", ", institution-paid; Ödenecek Tutar ")) +
           submitted->fee.total.format_tr() + std::string(cli::say(" (kurum öder)", " (the institution pays)")));
  auto sms = world.sms.code_for(submitted->id);
  OtpVerifier verifier(application);
  auto [vec, verified] = co_await verifier.async_verify(sms.value_or(SecretString()), use_tuple);
  if (vec) {
    step(11, "SMS Doğrulama", failed(vec, verified.problem()));
    co_return std::nullopt;
  }
  step(11, "SMS Doğrulama", std::string(cli::say("kod doğrulandı", "code verified")));
  auto card = card_of(world, world.staff_token, co_await asio::this_coro::executor);
  Approver approver(application);
  auto [pec, approval] = co_await approver.async_approve(card, use_tuple);
  if (pec) {
    step(12, "e-imza ile Onaylama", failed(pec, approval.problem()));
    co_return std::nullopt;
  }
  step(12, "e-imza ile Onaylama",
       approval->signature->signer.common_name + ", CAdES-X-L; " +
           std::string(cli::say(status_label(approval->application.status))));
  co_return approval->application;
}

}  // namespace

asio::awaitable<InstitutionResult> run_institution_plan(World& world, std::string title) {
  InstitutionResult result;
  std::printf("\n== %s ==\n", title.c_str());
  auto hakan = co_await login(world, "67746370606", "Demo-Parola-6", 6);
  if (!hakan) co_return result;
  Officer officer(*hakan, institution);
  step(6, "Yetkili İşlemleri",
       hakan->info().first_name + " " + hakan->info().last_name + " (" + hakan->info().tckn_masked +
           std::string(cli::say("), Örnek Üniversitesi'nin yetkilisi", "), Örnek Üniversitesi's officer")));

  // The officer's upload: one of the institution's staff, and someone who is not.
  std::vector<StaffRequest> rows(2);
  rows[0] = {SecretString("53304452938"), "Elif",          "Kaya", "Bilgi İşlem Daire Başkanlığı",
             "elif.kaya@ornek.edu.tr",    "0312 298 20 00"};
  rows[1] = {SecretString("10000000146"), "Ayşe Gül",      "Şahin", "Bilgi İşlem Daire Başkanlığı",
             "ayse.sahin@ornek.edu.tr",   "0312 298 20 00"};
  auto [uec, report] = co_await officer.async_upload(std::move(rows), use_tuple);
  if (uec || report->rows.empty() || !report->rows[0].accepted) {
    step(6, "Personel listesi", failed(uec, report.problem()));
    co_return result;
  }
  const auto& refused = report->rows[1];
  step(6, "Personel listesi",
       std::to_string(report->accepted) + std::string(cli::say(" kabul (", " accepted (")) +
           report->rows[0].request_id +
           std::string(cli::say("; erişim parolası iş e-postasına), ", "; the access code to the work e-mail), ")) +
           std::to_string(report->refused) + std::string(cli::say(" reddedildi: ", " refused: ")) +
           (refused.errors.empty()
                ? std::string()
                : (cli::ui_language() == Language::tr ? refused.errors[0].message_tr : refused.errors[0].message_en)));
  SecretString code;
  {
    const std::lock_guard lock(world.mails_mutex);
    code = world.mails.at(report->rows[0].request_id);
  }
  auto applied = co_await staff_applies(world, code);
  if (!applied) co_return result;
  result.application_id = applied->id;

  // The list's check and signature.
  auto [lec, list] = co_await officer.async_list(use_tuple);
  if (lec) {
    step(6, "NES başvuru listesi", failed(lec, list.problem()));
    co_return result;
  }
  step(6, "NES başvuru listesi",
       std::string(cli::say("kontrol edildi, sürüm ", "checked, version ")) + list->version.substr(0, 12) + "…");
  auto card = card_of(world, world.officer_token, co_await asio::this_coro::executor);
  error_code ec;
  std::string detail;
  auto signing =
      ListSigner::begin(officer, world.journal, list->version, {}, ListSigningOptions{card, {}}, ec, &detail);
  if (!signing) {
    step(6, "Liste imzalama", std::string(cli::say("BAŞARISIZ: ", "FAILED: ")) + detail);
    co_return result;
  }
  auto [sec, decision] = co_await signing->async_run(use_tuple);
  if (sec) {
    step(6, "Liste imzalama", failed(sec, decision.problem()));
    co_return result;
  }
  step(6, "Liste imzalama",
       std::string(cli::say("karar ", "decision ")) + decision->id +
           std::string(cli::say(" imzalandı (HAKAN AYDIN, CAdES-X-L), ", " signed (HAKAN AYDIN, CAdES-X-L), ")) +
           std::to_string(decision->included.size()) +
           std::string(cli::say(" başvuru, toplam ",
                                decision->included.size() == 1 ? " application, total " : " applications, total ")) +
           decision->total.format_tr());
  auto [oec, overview] = co_await officer.async_overview(use_tuple);
  if (oec) co_return result;
  for (const auto& a : overview->applications) {
    if (a.id == result.application_id) result.status = a.status;
  }
  result.decision_id = decision->id;
  result.total = decision->total;
  result.ok = result.status == ApplicationStatus::awaiting_institution_payment;
  co_return result;
}

}  // namespace nes::demo
