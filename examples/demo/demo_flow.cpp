#include "demo_flow.hpp"

#include "language.hpp"
#include "private_file.hpp"
#include "problem_text.hpp"

#include <nes/application_run.hpp>
#include <nes/form_json.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>
#include <ctime>
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

std::string failed() { return std::string(cli::say("BAŞARISIZ: ", "FAILED: ")); }

std::string fee_text(const Fee& fee) {
  return fee.net.format_tr() + " + KDV " + fee.kdv.format_tr() + " = " + fee.total.format_tr();
}

// ", zaman damgası 03.12.2026 17:05:12 UTC": when the TSA saw the signature.
std::string stamp_text(const std::optional<TimeStamp>& stamp) {
  if (!stamp) return {};
  const std::time_t at = std::chrono::system_clock::to_time_t(stamp->time);
  std::tm utc{};
  gmtime_r(&at, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%d.%m.%Y %H:%M:%S UTC", &utc);
  return std::string(cli::say(", zaman damgası ", ", time stamp ")) + text;
}

// "-T" for a time-stamped signature, "-X-L" when it carries P3/P4's
// validation data too (the demo's signer adds it for those profiles).
std::string signature_level(const Signature& signature, const std::string& profile) {
  if (!signature.time_stamp) return {};
  return profile == "P3" || profile == "P4" ? "-X-L" : "-T";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The signed document names the person: written 0600, as the program's outputs are.
void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::string error;
  if (!cli::write_private_file(path.string(), bytes, error)) std::printf("  %s\n", error.c_str());
}

// `openssl cms -verify`, as an independent check of the signature.
std::string openssl_verdict(const std::filesystem::path& signature, const std::filesystem::path& document,
                            const std::filesystem::path& ca) {
  const std::string command = "openssl cms -verify -binary -inform DER -in '" + signature.string() + "' -content '" +
                              document.string() + "' -CAfile '" + ca.string() + "' -out /dev/null 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::string(cli::say("openssl çalışmadı", "openssl did not run"));
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  const int status = pclose(pipe);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return (status == 0 ? "" : failed()) + out;
}

}  // namespace

asio::awaitable<Result> run_plan(World& world, Plan plan) {
  Result result;
  Client& client = *world.client;
  std::printf("\n== %s ==\n", plan.title.c_str());

  // 1-3: the portal, what needs no login, and the e-Devlet gateway.
  auto [iec, info] = co_await client.async_info(use_tuple);
  if (iec) {
    step(1, "Online İşlemler", failed() + cli::problem_text(iec, info));
    co_return result;
  }
  step(1, "Online İşlemler",
       info->name + cli::say(", protokol ", ", protocol ").data() + info->protocol_version + ", " +
           world.portal->base_url());
  auto [fec, fees] = co_await client.async_fees(use_tuple);
  step(2, "Giriş",
       fec ? failed() + cli::problem_text(fec, fees)
           : std::string(cli::say("girişsiz, Fiyatlar: ", "without login, Fiyatlar: ")) +
                 std::to_string(fees->entries.size()) + std::string(cli::say(" fiyat", " prices")));
  step(3, "E-Devlet Kapısına Git",
       std::string(cli::say("OAuth2, PKCE (S256) ile: ", "OAuth2 with PKCE (S256) at ")) + info->authorize_url);

  const auto decoded = decode_form_json(read_file(plan.form_file));
  if (!decoded.form) {
    step(4, "T.C. Kimlik No + Şifre",
         failed() + plan.form_file.string() + std::string(cli::say(": form okunamıyor", ": the form cannot be read")));
    co_return result;
  }

  // 4-12: the SDK's run, recorded step by step in the journal; the sources
  // are the demo's (the password, the SMS box, the token's PIN) and each
  // step is printed as it happens.
  std::filesystem::create_directories(plan.out);
  ApplicationRunOptions options;
  options.password = [password = plan.password](const PasswordRequest&,
                                                std::function<void(error_code, SecretString)> give) {
    give({}, SecretString(password));
  };
  options.acknowledge = [](const Institution&, const Notice&, std::function<void(error_code, bool)> give) {
    give({}, true);
  };
  std::string application_id;
  options.otp_code = [&world, &application_id](const OtpStatus&, std::function<void(error_code, SecretString)> give) {
    auto code = world.sms.code_for(application_id);
    if (code) {
      give({}, std::move(*code));
    } else {
      give(asio::error::timed_out, {});
    }
  };
  options.timestamps = world.timestamps;                      // CAdES-T, as profiles P2-P4 require
  options.validation_transport = world.validation_transport;  // and P4's validation data
  options.validation_sources = world.validation_sources;
  options.pkcs11.module = world.token.module;
  options.pkcs11.token_label = world.token.label;
  options.pkcs11.certificate_id = "01";
  options.pkcs11.pin = [pin = world.token.pin](const PinRequest& request,
                                               std::function<void(error_code, SecretString)> give) {
    step(12, "",
         std::string(cli::say("PIN soruldu: kart \"", "PIN asked for token \"")) + request.token.label +
             std::string(cli::say("\" (sertifika ", "\" (certificate ")) + request.certificate.common_name + ", " +
             std::to_string(request.certificate.days_left().count()) +
             std::string(cli::say(" gün kaldı); demo veriyor", " days left); the demo gives it")));
    give({}, SecretString(pin));
  };
  options.wet_directory = plan.out;
  std::string institution;
  std::vector<std::string> notices;
  options.progress = [&](const RunProgress& p) {
    application_id = p.entry.application_id;
    switch (p.stage) {
      case RunStage::logged_in:
        step(4, "T.C. Kimlik No + Şifre",
             std::string(cli::say("giriş yapıldı: ", "logged in as ")) + p.session->first_name + " " +
                 p.session->last_name + " (" + p.session->tckn_masked + ")");
        // 5-7: menus of the portal's pages; the protocol goes straight to them.
        for (const auto& [n, menu] :
             {std::pair{5, "NES İşlemleri"}, {6, "Bireysel İşlemler"}, {7, "Başvuru İşlemleri"}}) {
          step(n, menu,
               std::string(cli::say("(portalın bir menüsü; istek yok)", "(a menu of the portal; no request)")));
        }
        step(8, "Kişi Ödemeli Başvuru",
             p.entry.application_id.empty()
                 ? std::string(cli::say("günlükte bu kurum için kayıt yok: yeni başvuru",
                                        "the journal holds none for this institution: a new application"))
                 : std::string(cli::say("günlükteki ", "the journal's ")) + p.entry.application_id +
                       std::string(cli::say(" sürdürülüyor", ", continued")));
        break;
      case RunStage::institution:
        institution = p.institution->name;
        break;
      case RunStage::notice_acknowledged:
        notices.push_back(std::string(cli::say(p.notice->text_tr, p.notice->text_en)));
        break;
      case RunStage::submitting: {
        step(9, "Kurum Seçimi",
             institution + "; " + std::to_string(notices.size()) +
                 std::string(cli::say(" duyuru okundu ve onaylandı", " notices read and acknowledged")));
        for (const auto& text : notices) step(9, "", std::string(cli::say("duyuru: ", "notice: ")) + text);
        break;
      }
      case RunStage::submitted:
        step(10, "Form → Devam",
             std::string(cli::say("geçerli; gönderildi: ", "valid; submitted as ")) + p.application->id +
                 std::string(cli::say(", ücret ", ", fee ")) + fee_text(p.application->fee) +
                 std::string(cli::say(" (günlük kaydı ", " (journal entry ")) + std::to_string(p.entry.id) + ")");
        break;
      case RunStage::otp_sent:
        step(11, "Cep Telefonu Doğrulama",
             std::string(cli::say("kod gönderildi: ", "code sent to ")) +
                 (p.otp ? p.otp->phone_masked : std::string("?")) + ", " +
                 std::to_string(p.otp ? p.otp->seconds_left().count() : 0) +
                 std::string(cli::say(" sn kaldı", " s left")));
        break;
      case RunStage::verified:
        step(11, "",
             std::string(cli::say("kod doğrulandı: ", "code verified: ")) +
                 std::string(cli::say(status_label(p.application->status))));
        break;
      default:
        break;
    }
  };
  error_code ec;
  std::string detail;
  const ApprovalRoute route = plan.e_imza ? ApprovalRoute::e_signature : ApprovalRoute::wet_signature;
  auto run = ApplicationRun::begin(client, world.journal, *decoded.form, route, std::move(options), ec, &detail);
  if (!run) {
    step(4, "T.C. Kimlik No + Şifre", failed() + detail);
    co_return result;
  }
  auto [rec, outcome] = co_await run->async_run(use_tuple);
  result.application_id = run->entry().application_id;
  if (rec) {
    std::printf("  %s%s\n", failed().c_str(), cli::problem_text(rec, outcome).c_str());
    co_return result;
  }
  result.status = outcome->application.status;
  result.fee = outcome->application.fee;
  const Approval& approval = *outcome->approval;
  if (plan.e_imza) {
    const auto document = plan.out / (result.application_id + "-document.txt");
    result.signature_file = plan.out / (result.application_id + "-signature.p7s");
    write_file(document, approval.document);
    write_file(result.signature_file, approval.signature->cms_der);
    write_file(plan.out / "demo-ca.pem", world.token.ca_pem);
    write_file(plan.out / "demo-tsa-ca.pem", world.portal->timestamp_ca_pem());
    result.signature_check = openssl_verdict(result.signature_file, document, plan.out / "demo-ca.pem");
    const std::string& profile = info->signature_profile.name;  // what the portal asks for
    step(12, "Başvuru Onay (e-imza)",
         std::to_string(approval.document.size()) +
             std::string(cli::say(" bayt imzalandı (CAdES", " bytes signed (CAdES")) +
             signature_level(*approval.signature, profile) + std::string(cli::say(", profil ", ", profile ")) +
             profile + stamp_text(approval.signature->time_stamp) + std::string(cli::say("), imzalayan ", ") by ")) +
             approval.signature->signer.common_name + "; " + std::string(cli::say(status_label(result.status))) +
             "; Ödenecek Tutar " + result.fee.total.format_tr());
  } else {
    result.pdf = approval.pdf;
    step(12, "Başvuru Onay (ıslak imza)",
         "Formu İndir: " + result.pdf.string() + "; " + std::string(cli::say(status_label(result.status))) +
             "; Ödenecek Tutar " + result.fee.total.format_tr());
    step(12, "",
         std::string(cli::say("elle imzalayıp şu adrese gönderin: ", "sign it by hand and post it to ")) +
             approval.postal_address);
  }
  result.ok = true;
  co_return result;
}

}  // namespace nes::demo
