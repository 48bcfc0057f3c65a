#include "apply_options.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "input_file.hpp"
#include "labels.hpp"
#include "language.hpp"
#include "problem_text.hpp"

#include <nes/tckn.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace po = boost::program_options;

void add_esign_login_option(po::options_description& d, ApplyOptions& o) {
  d.add_options()("esign-login", po::bool_switch(&o.esign_login),
                  std::string(say("e-Devlet şifresi yerine kartla (e-imza ile) giriş yap; PIN sorulur",
                                  "log in with the card (e-imza) instead of the e-Devlet password; the PIN is asked"))
                      .c_str());
}

void add_signing_options(po::options_description& d, ApplyOptions& o) {
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()("module", po::value(&o.module), text("pkcs11: PKCS#11 modülü", "pkcs11: the PKCS#11 module").c_str())(
      "token-label", po::value(&o.token_label), text("pkcs11: kartın etiketi", "pkcs11: the token's label").c_str())(
      "token-serial", po::value(&o.token_serial),
      text("pkcs11: kartın seri no'su", "pkcs11: the token's serial").c_str())(
      "certificate-id", po::value(&o.certificate_id),
      text("pkcs11: sertifikanın CKA_ID'si (onaltılık)", "pkcs11: the certificate's CKA_ID (hex)").c_str())(
      "accept-test-certificate", po::bool_switch(&o.accept_test_certificate),
      text("pkcs11: nitelikli (NES) olmayan bir test sertifikasıyla da imzala",
           "pkcs11: sign also with a test certificate that is not a qualified NES")
          .c_str())("pin-file", po::value(&o.pin_file),
                    text("pkcs11: PIN, ilk satır", "pkcs11: the PIN, first line").c_str())(
      "tsa", po::value(&o.tsa),
      text("pkcs11: zaman damgası hizmeti (URL); imza zaman damgalanır (CAdES-T)",
           "pkcs11: the time-stamp service (URL); signatures are time-stamped (CAdES-T)")
          .c_str())("tsa-customer", po::value(&o.tsa_customer),
                    text("pkcs11: zaman damgası müşteri numarası", "pkcs11: the time-stamp customer number").c_str())(
      "tsa-password-file", po::value(&o.tsa_password_file),
      text("pkcs11: zaman damgası parolası, ilk satır (yoksa $NES_TSA_PASSWORD ya da terminal)",
           "pkcs11: the time-stamp password, first line (else $NES_TSA_PASSWORD or the terminal)")
          .c_str())(
      "tsa-ca", po::value(&o.tsa_ca),
      text("pkcs11: zaman damgası hizmetinin CA'sı (PEM)", "pkcs11: the time-stamp service's CA (PEM)").c_str())(
      "signer-ca", po::value(&o.signer_ca)->composing(),
      text("pkcs11: imzacı sertifikasının CA zinciri (PEM, birden çok kez); imzaya doğrulama verisi eklenir "
           "(P3/P4, CAdES-X-L)",
           "pkcs11: the CA certificates of the signer's path (PEM, repeatable); signatures get their validation "
           "data (P3/P4, CAdES-X-L)")
          .c_str())("ocsp", po::value(&o.ocsp),
                    text("pkcs11: kendi OCSP adresini taşımayan sertifikalar için OCSP sunucusu (URL)",
                         "pkcs11: the OCSP responder (URL) for certificates that name none")
                        .c_str());
}

void add_apply_options(po::options_description& d, ApplyOptions& o) {
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  // Boost copies each description: the temporaries may end with the statement.
  d.add_options()("portal", po::value(&o.portal),
                  text("portal, https://sunucu:port", "the portal, https://host:port").c_str())(
      "approve", po::value(&o.approve),
      text("pkcs11 (kartla e-imza), wet (elle imzalanacak PDF) ya da e-onay (verilmiş E-Onay ile)",
           "pkcs11 (e-imza with a token), wet (a PDF to sign by hand) or e-onay (by a standing E-Onay)")
          .c_str())(
      "ca-file", po::value(&o.ca_file),
      text("portalın sertifikası için güvenilecek CA (PEM)", "a CA (PEM) to trust for the portal's certificate")
          .c_str())("journal", po::value(&o.journal),
                    text("günlük (varsayılan: $NES_JOURNAL, yoksa ~/.local/share/nes/journal.db)",
                         "the journal (default: $NES_JOURNAL, else ~/.local/share/nes/journal.db)")
                        .c_str())(
      "password-file", po::value(&o.password_file),
      text("tek kişinin e-Devlet şifresi, ilk satır", "one person's e-Devlet password, first line").c_str())(
      "password-dir", po::value(&o.password_dir),
      text("kişi başına bir şifre dosyası: KLASÖR/T.C.KİMLİK.NO", "a password file per person: DIR/TCKN").c_str())(
      "otp-command", po::value(&o.otp_command),
      text("SMS kodunu yazan bir kabuk komutu", "a shell command that prints the SMS code").c_str())(
      "access-code-file", po::value(&o.access_code_file),
      text("kurum ödemeli: iş e-postasına gelen erişim parolası, ilk satır (yoksa $NES_ACCESS_CODE ya da terminal)",
           "institution-paid: the access code e-mailed to the work address, first line (else $NES_ACCESS_CODE or "
           "the terminal)")
          .c_str())("pdf", po::value(&o.pdf), text("wet: formun yazılacağı dosya", "wet: where the form goes").c_str())(
      "font", po::value(&o.font), text("wet: TrueType yazı tipi", "wet: a TrueType font").c_str())(
      "save-document", po::value(&o.save_document),
      text("pkcs11: imzalanan baytları yaz (0600)", "pkcs11: write the exact bytes signed (0600)").c_str())(
      "save-signature", po::value(&o.save_signature),
      text("pkcs11: imzayı yaz (CMS, DER, 0600)", "pkcs11: write the signature (CMS, DER, 0600)").c_str())(
      "json", po::bool_switch(&o.json), text("sonucu JSON olarak yaz", "print the result as JSON").c_str())(
      "help,h", text("bu yardımı göster", "show this help").c_str());
  add_signing_options(d, o);
}

namespace {

bool has_authority_after(const std::string& url, std::string_view scheme) {
  if (url.rfind(scheme, 0) != 0) return false;
  const std::string rest = url.substr(scheme.size());
  const auto host_end = rest.find_first_of("/?#");
  const std::string authority = rest.substr(0, host_end);
  return !authority.empty() && authority.find('@') == std::string::npos &&
         authority.find_first_of(" \t\r\n") == std::string::npos && authority.front() != ':';
}

bool is_https_url(const std::string& url) { return has_authority_after(url, "https://"); }

// OCSP responders are plain HTTP as often as not (Kamu SM's is).
bool is_http_url(const std::string& url) { return is_https_url(url) || has_authority_after(url, "http://"); }

bool readable(const std::string& file, std::string& error) { return read_input_file(file, error).has_value(); }

}  // namespace

bool check_apply_options(const ApplyOptions& o, const std::string& command, bool portal_required) {
  const bool json = o.json;
  if (portal_required && o.portal.empty()) {
    usage_error(command, "--portal gerekli", "--portal is required", json);
    return false;
  }
  if (!o.portal.empty() && !is_https_url(o.portal)) {
    usage_error(command, "--portal https://sunucu[:port] biçiminde olmalı", "--portal must be https://host[:port]",
                json, o.portal);
    return false;
  }
  if (!o.approve.empty() && o.approve != "pkcs11" && o.approve != "wet" && o.approve != "e-onay") {
    usage_error(command, "--approve pkcs11, wet ya da e-onay olmalı", "--approve must be pkcs11, wet or e-onay", json,
                o.approve);
    return false;
  }
  std::string error;
  if (!o.ca_file.empty()) {
    auto pem = read_input_file(o.ca_file, error);
    if (!pem) {
      usage_error(command, "--ca-file okunamıyor", "--ca-file cannot be read", json, o.ca_file);
      return false;
    }
    if (pem->reveal().find("-----BEGIN CERTIFICATE-----") == std::string_view::npos) {
      usage_error(command, "--ca-file PEM biçiminde sertifika içermiyor", "--ca-file holds no PEM certificate", json,
                  o.ca_file);
      return false;
    }
  }
  if (!o.password_file.empty() && !o.password_dir.empty()) {
    usage_error(command, "--password-file ve --password-dir birlikte verilemez",
                "--password-file and --password-dir cannot both be given", json);
    return false;
  }
  if (!o.password_file.empty() && !readable(o.password_file, error)) {
    usage_error(command, "--password-file okunamıyor", "--password-file cannot be read", json, o.password_file);
    return false;
  }
  if (!o.password_dir.empty() && !std::filesystem::is_directory(o.password_dir)) {
    usage_error(command, "--password-dir bir klasör değil", "--password-dir is not a folder", json, o.password_dir);
    return false;
  }
  if (!o.pin_file.empty() && !readable(o.pin_file, error)) {
    usage_error(command, "--pin-file okunamıyor", "--pin-file cannot be read", json, o.pin_file);
    return false;
  }
  if (!o.tsa.empty() && (o.tsa_customer == 0 || o.tsa_ca.empty())) {
    usage_error(command, "--tsa, --tsa-customer ve --tsa-ca ile birlikte verilir",
                "--tsa goes with --tsa-customer and --tsa-ca", json, o.tsa);
    return false;
  }
  if (!o.tsa_ca.empty() && !readable(o.tsa_ca, error)) {
    usage_error(command, "--tsa-ca okunamıyor", "--tsa-ca cannot be read", json, o.tsa_ca);
    return false;
  }
  if (!o.tsa_password_file.empty() && !readable(o.tsa_password_file, error)) {
    usage_error(command, "--tsa-password-file okunamıyor", "--tsa-password-file cannot be read", json,
                o.tsa_password_file);
    return false;
  }
  if (!o.signer_ca.empty() && o.tsa.empty()) {
    usage_error(command, "--signer-ca, --tsa ile birlikte verilir: doğrulama verisi zaman damgalı imzaya eklenir",
                "--signer-ca goes with --tsa: validation data is added to a time-stamped signature", json);
    return false;
  }
  for (const auto& file : o.signer_ca) {
    auto pem = read_input_file(file, error);
    if (!pem || pem->reveal().find("-----BEGIN CERTIFICATE-----") == std::string_view::npos) {
      usage_error(command, "--signer-ca okunamıyor ya da PEM biçiminde sertifika içermiyor",
                  "--signer-ca cannot be read or holds no PEM certificate", json, file);
      return false;
    }
  }
  if (!o.ocsp.empty() && o.signer_ca.empty()) {
    usage_error(command, "--ocsp, --signer-ca ile birlikte verilir", "--ocsp goes with --signer-ca", json, o.ocsp);
    return false;
  }
  if (!o.ocsp.empty() && !is_http_url(o.ocsp)) {
    usage_error(command, "--ocsp http(s)://sunucu[:port]/yol biçiminde olmalı",
                "--ocsp must be http(s)://host[:port]/path", json, o.ocsp);
    return false;
  }
  if (!o.font.empty() && !std::filesystem::exists(o.font)) {
    usage_error(command, "--font bulunamadı", "--font is not there", json, o.font);
    return false;
  }
  return true;
}

boost::json::object result_json(const ApplyResult& r) {
  const auto who = Tckn::parse(r.entry.tckn);
  boost::json::object o{{"journal_id", r.entry.id},
                        {"tckn_masked", who ? who->masked() : std::string()},
                        {"application_id", r.entry.application_id},
                        {"institution_id", r.entry.institution_id},
                        {"approval", r.entry.approval},
                        {"step", to_string(r.entry.step)},
                        {"status", r.entry.portal_status},
                        {"finished", r.finished}};
  if (!r.fee_total.empty()) o["fee_total"] = r.fee_total;
  if (r.fee_total_kurus) o["fee_total_kurus"] = *r.fee_total_kurus;
  if (!r.pdf.empty()) o["pdf"] = r.pdf;
  if (!r.postal_address.empty()) o["postal_address"] = r.postal_address;
  if (!r.finished && r.ec) o["refusal"] = refusal_json(r.ec, r.problem ? &*r.problem : nullptr, r.entry.portal);
  return o;
}

namespace {

// What to do next, by the kind of failure: never "run it again" for a
// refusal that needs a change first, or for one that nothing changes.
std::string next_step(const ApplyResult& r) {
  const Problem* problem = r.problem ? &*r.problem : nullptr;
  const std::string code = problem != nullptr ? problem->code : std::string();
  const std::string id = std::to_string(r.entry.id);
  if (code == "invalid_credentials") {
    return std::string(
        say("Şifreyi düzeltin: reddedilen şifre dosyası değiştirilmeden yeniden gönderilmez. "
            "Bu kişi için başka deneme yapılmadı.",
            "Correct the password: a refused password file is not sent again until it is changed. "
            "No other try was made for this person."));
  }
  if (r.ec == errc::pin_incorrect) {
    return std::string(say("PIN otomatik olarak yeniden denenmez. Doğru PIN'i girin (reddedilen PIN dosyası "
                           "değiştirilmeden kullanılmaz), sonra: nes resume --id ",
                           "The PIN is never retried on its own. Give the right PIN (a refused PIN file is not "
                           "used until it is changed), then: nes resume --id ")) +
           id;
  }
  // The portal's profile asks for more than this run was given: the flags.
  if (code == "signature_time_stamp_missing") {
    return std::string(say("Zaman damgası hizmetini verin (--tsa URL --tsa-customer NO --tsa-ca DOSYA), sonra: "
                           "nes resume --id ",
                           "Give the time-stamp service (--tsa URL --tsa-customer N --tsa-ca FILE), then: "
                           "nes resume --id ")) +
           id;
  }
  if (code == "validation_data_missing" || code == "revocation_source_missing") {
    return std::string(say("Doğrulama verisi için imzacının CA zincirini ve OCSP sunucusunu verin (--tsa ile "
                           "birlikte --signer-ca DOSYA --ocsp URL), sonra: nes resume --id ",
                           "For the validation data give the signer's CA certificates and the OCSP responder "
                           "(--signer-ca FILE --ocsp URL, with --tsa), then: nes resume --id ")) +
           id;
  }
  if (r.ec == errc::pin_locked) {
    return std::string(say("Kartın PIN'i kilitli: PUK ile kilidini çözmeden imza atılamaz.",
                           "The card's PIN is locked: nothing can be signed until it is unblocked with the PUK."));
  }
  if (problem != nullptr && (!problem->errors.empty() || code == "phone_not_registered")) {
    return std::string(say("Alanı düzeltin: nes journal edit ", "Correct the field: nes journal edit ")) + id +
           std::string(say(" (terminalde nes resume da sorar).", " (nes resume on a terminal asks for it too)."));
  }
  switch (recovery_of(r.ec, problem)) {
    case Recovery::wait:
      return std::string(say("Belirtilen süre geçince: nes resume --id ", "Once the wait is over: nes resume --id ")) +
             id;
    case Recovery::transient:
      return std::string(say("Portal ya da ağ geçici olarak yanıt vermiyor; günlük kaydı tutuyor. Daha sonra: "
                             "nes resume --id ",
                             "The portal or the network is not answering for now; the journal keeps it. Later: "
                             "nes resume --id ")) +
             id;
    case Recovery::correct:
      return std::string(
                 say("Gerekeni düzeltip devam edin: nes resume --id ", "Correct it and go on: nes resume --id ")) +
             id;
    case Recovery::permanent:
      break;
  }
  return r.entry.step == JournalStep::started
             ? std::string(say("Yeniden denemek sonucu değiştirmez. Kaydı silmek için: nes journal forget ",
                               "Trying again changes nothing. To drop the entry: nes journal forget ")) +
                   id
             : std::string(say("Yeniden denemek sonucu değiştirmez.", "Trying again changes nothing."));
}

}  // namespace

void report_result(const ApplyResult& r, bool json) {
  if (json) {
    std::cout << boost::json::serialize(result_json(r)) << "\n";
    return;
  }
  if (r.finished) {
    std::cout << "nes: " << r.entry.application_id << ": " << r.status_text
              << (r.fee_total.empty() ? "" : std::string(say("; Ödenecek Tutar ", "; amount due ")) + r.fee_total)
              << "\n";
    return;
  }
  std::cout << "nes: " << say("tamamlanmadı (", "not finished (") << say(step_label(r.entry.step)) << "): " << r.error
            << "\n  " << next_step(r) << "\n";
}

int result_status(const ApplyResult& r) {
  if (r.finished) return exit_ok;
  return exit_status_for(r.ec, r.problem ? &*r.problem : nullptr);
}

}  // namespace nes::cli
