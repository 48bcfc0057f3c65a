#include "demo_flow.hpp"

#include "problem_text.hpp"

#include <nes/application.hpp>
#include <nes/approver.hpp>
#include <nes/form_json.hpp>
#include <nes/otp_verifier.hpp>
#include <nes/pkcs11_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace nes::demo {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// The label padded to a column by letters, not bytes (ğ, İ, ş are two bytes).
std::string padded(std::string_view label, std::size_t width) {
  std::size_t letters = 0;
  for (const char c : label) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return std::string(label) + std::string(width > letters ? width - letters : 0, ' ');
}

void step(int number, std::string_view label, const std::string& what) {
  std::printf("  %2d  %s %s\n", number, padded(label, 26).c_str(), what.c_str());
  std::fflush(stdout);
}

std::string fee_text(const Fee& fee) {
  return fee.net.format_tr() + " + KDV " + fee.kdv.format_tr() + " = " + fee.total.format_tr();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// `openssl cms -verify`, as an independent check of the signature.
std::string openssl_verdict(const std::filesystem::path& signature, const std::filesystem::path& document,
                            const std::filesystem::path& ca) {
  const std::string command = "openssl cms -verify -binary -inform DER -in '" + signature.string() + "' -content '" +
                              document.string() + "' -CAfile '" + ca.string() + "' -out /dev/null 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "openssl did not run";
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  const int status = pclose(pipe);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return (status == 0 ? "" : "FAILED: ") + out;
}

}  // namespace

asio::awaitable<Result> run_plan(World& world, Plan plan) {
  Result result;
  Client& client = *world.client;
  std::printf("\n== %s ==\n", plan.title.c_str());

  // 1-3: the portal, what needs no login, and the e-Devlet gateway.
  auto [iec, info] = co_await client.async_info(use_tuple);
  if (iec) {
    step(1, "Online İşlemler", "FAILED: " + cli::problem_text(iec, info));
    co_return result;
  }
  step(1, "Online İşlemler", info->name + ", protocol " + info->protocol_version + ", " + world.portal->base_url());
  auto [fec, fees] = co_await client.async_fees(use_tuple);
  step(2, "Giriş",
       fec ? "fees: " + cli::problem_text(fec, fees)
           : "without login, Fiyatlar: " + std::to_string(fees->entries.size()) + " prices");
  step(3, "E-Devlet Kapısına Git", "OAuth2 with PKCE (S256) at " + info->authorize_url);

  // 4: the login, with the form's T.C. Kimlik No.
  const auto decoded = decode_form_json(read_file(plan.form_file));
  if (!decoded.form) {
    step(4, "T.C. Kimlik No + Şifre", "FAILED: the form " + plan.form_file.string() + " cannot be read");
    co_return result;
  }
  const ApplicationForm form = *decoded.form;
  Credentials credentials{form.identity.tckn, SecretString(plan.password)};
  auto [lec, session] = co_await client.async_login(std::move(credentials), use_tuple);
  if (lec) {
    step(4, "T.C. Kimlik No + Şifre", "FAILED: " + cli::problem_text(lec, session));
    co_return result;
  }
  const auto person = session->info();
  step(4, "T.C. Kimlik No + Şifre",
       "logged in as " + person.first_name + " " + person.last_name + " (" + person.tckn_masked + ")");

  // 5-7: menus of the portal's pages; the protocol goes straight to them.
  step(5, "NES İşlemleri", "(a menu of the portal; no request)");
  step(6, "Bireysel İşlemler", "(a menu of the portal; no request)");
  step(7, "Başvuru İşlemleri", "(a menu of the portal; no request)");
  auto [aec, mine] = co_await session->async_applications(use_tuple);
  step(8, "Kişi Ödemeli Başvuru",
       aec ? "Başvurularım: " + cli::problem_text(aec, mine)
           : "Başvurularım lists " + std::to_string(mine->size()) + " application(s) so far");

  // 9: the institution and its notices, acknowledged.
  auto [cec, catalogue] = co_await session->async_institutions(use_tuple);
  if (cec) {
    step(9, "Kurum Seçimi", "FAILED: " + cli::problem_text(cec, catalogue));
    co_return result;
  }
  std::vector<std::string> acknowledged;
  std::string institution_name = form.institution.id;
  for (const auto& institution : *catalogue) {
    if (institution.id != form.institution.id) continue;
    institution_name = institution.name;
    for (const auto& notice : institution.notices) acknowledged.push_back(notice.id);
  }
  std::string notices;
  for (const auto& id : acknowledged) notices += (notices.empty() ? "" : ", ") + id;
  step(9, "Kurum Seçimi", institution_name + "; notices acknowledged: " + notices);

  // 10: the form, validated here, then submitted once (idempotency key).
  Application application(*session, form);
  auto [sec, submitted] = co_await application.async_submit(acknowledged, use_tuple);
  if (sec) {
    step(10, "Form → Devam", "FAILED: " + cli::problem_text(sec, submitted));
    co_return result;
  }
  result.application_id = submitted->id;
  step(10, "Form → Devam", "valid; submitted as " + submitted->id + ", fee " + fee_text(submitted->fee));

  // 11: the SMS code, from the demo's SMS box.
  OtpVerifier otp(application);
  const auto status = otp.status();
  step(11, "Cep Telefonu Doğrulama",
       "code sent to " + (status ? status->phone_masked : std::string("?")) + ", " +
           std::to_string(status ? status->seconds_left().count() : 0) + " s left");
  OtpCodeSource from_sms = [&world, id = submitted->id](const OtpStatus&,
                                                        std::function<void(error_code, SecretString)> give) {
    auto code = world.sms.code_for(id);
    if (code) {
      give({}, std::move(*code));
    } else {
      give(asio::error::timed_out, {});
    }
  };
  auto [vec, verified] = co_await otp.async_verify_from(std::move(from_sms), use_tuple);
  if (vec) {
    step(11, "", "FAILED: " + cli::problem_text(vec, verified));
    co_return result;
  }
  step(11, "", "code verified; status " + std::string(to_string(verified->status)));

  // 12: approval.
  Approver approver(application);
  std::filesystem::create_directories(plan.out);
  if (plan.e_imza) {
    Pkcs11Options options;
    options.module = world.token.module;
    options.token_label = world.token.label;
    options.certificate_id = "01";
    options.pin = [pin = world.token.pin](const PinRequest& request,
                                          std::function<void(error_code, SecretString)> give) {
      step(12, "",
           "PIN asked for token \"" + request.token.label + "\" (certificate " + request.certificate.common_name +
               ", " + std::to_string(request.certificate.days_left().count()) + " days left); the demo gives it");
      give({}, SecretString(pin));
    };
    error_code ec;
    std::string detail;
    auto signer = Pkcs11Signer::create(co_await asio::this_coro::executor, std::move(options), ec, &detail);
    if (!signer) {
      step(12, "Başvuru Onay (e-imza)", "FAILED: " + ec.message() + ": " + detail);
      co_return result;
    }
    auto [pec, approval] = co_await approver.async_approve(signer, use_tuple);
    if (pec) {
      step(12, "Başvuru Onay (e-imza)", "FAILED: " + cli::problem_text(pec, approval));
      co_return result;
    }
    const auto document = plan.out / (result.application_id + "-document.txt");
    result.signature_file = plan.out / (result.application_id + "-signature.p7s");
    write_file(document, approval->document);
    write_file(result.signature_file, approval->signature->cms_der);
    write_file(plan.out / "demo-ca.pem", world.token.ca_pem);
    result.signature_check = openssl_verdict(result.signature_file, document, plan.out / "demo-ca.pem");
    result.status = approval->application.status;
    result.fee = approval->application.fee;
    step(12, "Başvuru Onay (e-imza)",
         std::to_string(approval->document.size()) + " bytes signed (CAdES-BES) by " +
             approval->signature->signer.common_name + "; status " + std::string(to_string(result.status)) +
             "; Ödenecek Tutar " + result.fee.total.format_tr());
  } else {
    WetSignatureOptions options;
    options.pdf = plan.out / (result.application_id + "-basvuru-formu.pdf");
    auto [wec, approval] = co_await approver.async_approve_wet(std::move(options), use_tuple);
    if (wec) {
      step(12, "Başvuru Onay (ıslak imza)", "FAILED: " + cli::problem_text(wec, approval));
      co_return result;
    }
    result.pdf = approval->pdf;
    result.status = approval->application.status;
    result.fee = approval->application.fee;
    step(12, "Başvuru Onay (ıslak imza)",
         "Formu İndir: " + result.pdf.string() + "; status " + std::string(to_string(result.status)) +
             "; Ödenecek Tutar " + result.fee.total.format_tr());
    step(12, "", "sign it by hand and post it to " + approval->postal_address);
  }
  result.ok = true;
  co_return result;
}

}  // namespace nes::demo
