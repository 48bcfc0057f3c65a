#include "portal_commands.hpp"

#include "portal_call.hpp"

#include "apply_flow.hpp"
#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "labels.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "problem_text.hpp"
#include "secret_input.hpp"

#include <nes/client.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

boost::json::object fee_json(const Fee& fee) {
  return {{"net_kurus", fee.net.kurus()},
          {"kdv_kurus", fee.kdv.kurus()},
          {"total_kurus", fee.total.kurus()},
          {"total", fee.total.format_tr()}};
}

// `text` and spaces to `width` characters (UTF-8: a Turkish letter is one).
std::string padded(const std::string& text, std::size_t width) {
  std::size_t characters = 0;
  for (const char c : text) characters += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  return text + std::string(characters < width ? width - characters : 0, ' ');
}

void add_portal_options(po::options_description& d, ApplyOptions& o) {
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()("portal", po::value(&o.portal),
                  text("portal, https://sunucu:port", "the portal, https://host:port").c_str())(
      "ca-file", po::value(&o.ca_file),
      text("portalın sertifikası için güvenilecek CA (PEM)", "a CA (PEM) to trust for the portal's certificate")
          .c_str())("json", po::bool_switch(&o.json), text("JSON olarak yaz", "print JSON").c_str())(
      "help,h", text("bu yardımı göster", "show this help").c_str());
}

}  // namespace

int run_fees(const std::vector<std::string>& args) {
  const std::string usage(
      say("Kullanım: nes fees --portal URL [--ca-file DOSYA] [--json]\n"
          "Fiyatlar: portalın ücret tablosu, her geçerlilik süresi ve kart okuyucu seçimi için KDV "
          "dahil.\nGiriş gerekmez. Çıkış durumu: 0, 2 kullanım hatası, 3 portal yanıt vermedi.\n",
          "Usage: nes fees --portal URL [--ca-file FILE] [--json]\n"
          "Fiyatlar: the portal's fee table, for each validity period and card reader choice, VAT "
          "included.\nNo login. Exit status: 0, 2 usage error, 3 the portal did not answer.\n"));
  ApplyOptions options;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  add_portal_options(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage, "fees", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "fees", true)) return exit_usage;
  boost::asio::io_context io;
  auto client = client_for(io, options, "fees");
  if (!client) return exit_usage;
  auto [ec, table] = run_on<FeeTable>(io, [&](auto handler) { client->async_fees(std::move(handler)); });
  if (ec) return failed("fees", ec, table.problem(), options);
  if (options.json) {
    boost::json::array rows;
    for (const auto& e : table->entries) {
      rows.push_back({{"validity_years", e.validity_years}, {"card_reader", e.card_reader}, {"fee", fee_json(e.fee)}});
    }
    std::cout << boost::json::serialize(
                     boost::json::object{{"kdv_rate_basis_points", table->kdv.basis_points}, {"fees", std::move(rows)}})
              << "\n";
    return exit_ok;
  }
  std::cout << say("Fiyatlar (KDV %", "Fees (VAT ") << table->kdv.basis_points / 100
            << say(" dahil)\n", "% included)\n");
  for (const auto& e : table->entries) {
    std::string choice = std::to_string(e.validity_years) +
                         std::string(say(" yıl", e.validity_years == 1 ? " year" : " years")) +
                         std::string(e.card_reader ? say(" + kart okuyucu", " + card reader") : "");
    std::string total = e.fee.total.format_tr();
    std::cout << "  " << padded(choice, 24) << std::string(total.size() < 12 ? 12 - total.size() : 0, ' ') << total
              << "  (" << e.fee.net.format_tr() << " + KDV " << e.fee.kdv.format_tr() << ")\n";
  }
  return exit_ok;
}

int run_debt(const std::vector<std::string>& args) {
  const std::string usage(
      say("Kullanım: nes debt --portal URL [--tckn T.C.KİMLİK.NO] [--ca-file DOSYA] [--json]\n"
          "Borç Sorgulama: kişinin başvuruları için ödemesi gerekeni gösterir; giriş gerekmez. T.C. Kimlik No\n"
          "--tckn'den (ps ile görülebilir), $NES_TCKN'den ya da terminalden alınır.\n"
          "Çıkış durumu: 0, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun (çok fazla sorgu, portal yanıt vermedi).\n",
          "Usage: nes debt --portal URL [--tckn TCKN] [--ca-file FILE] [--json]\n"
          "Borç Sorgulama: what the person owes for their applications; no login. The T.C. Kimlik No comes\n"
          "from --tckn (visible to ps), $NES_TCKN or the terminal.\n"
          "Exit status: 0, 1 refused, 2 usage error, 3 transient (too many inquiries, the portal not answering).\n"));
  ApplyOptions options;
  std::string tckn_option;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()("tckn", po::value(&tckn_option), "T.C. Kimlik No");
  add_portal_options(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage, "debt", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "debt", true)) return exit_usage;
  SecretString tckn(tckn_option);
  secure_wipe(tckn_option.data(), tckn_option.size());
  if (tckn.empty()) {
    if (const char* env = std::getenv("NES_TCKN"); env != nullptr && *env != '\0') {
      tckn = SecretString(env);
    } else if (auto typed = read_terminal_line("T.C. Kimlik No: ")) {
      tckn = SecretString(*typed);
      secure_wipe(typed->data(), typed->size());
    } else {
      return usage_error("debt", "T.C. Kimlik No gerekli (--tckn, $NES_TCKN ya da terminal)",
                         "the T.C. Kimlik No is needed (--tckn, $NES_TCKN or the terminal)", options.json);
    }
  }
  boost::asio::io_context io;
  auto client = client_for(io, options, "debt");
  if (!client) return exit_usage;
  auto [ec, report] =
      run_on<DebtReport>(io, [&](auto handler) { client->async_debt(std::move(tckn), std::move(handler)); });
  if (ec) return failed("debt", ec, report.problem(), options);
  if (options.json) {
    boost::json::array debts;
    for (const auto& debt : report->debts) {
      debts.push_back({{"application_id", debt.application_id},
                       {"description", debt.description},
                       {"amount", fee_json(debt.amount)}});
    }
    std::cout << boost::json::serialize(boost::json::object{{"tckn_masked", report->tckn_masked},
                                                            {"debts", std::move(debts)},
                                                            {"total_kurus", report->total.kurus()},
                                                            {"total", report->total.format_tr()}})
              << "\n";
    return exit_ok;
  }
  std::cout << say("Borç Sorgulama: ", "Debt inquiry: ") << report->tckn_masked << "\n";
  if (report->debts.empty()) std::cout << say("  Borç yok.\n", "  Nothing is owed.\n");
  for (const auto& debt : report->debts) {
    std::cout << "  " << debt.application_id << "  " << debt.description << "  " << debt.amount.total.format_tr()
              << "\n";
  }
  if (!report->debts.empty()) std::cout << say("  Toplam: ", "  Total: ") << report->total.format_tr() << "\n";
  return exit_ok;
}

int run_cancel(const std::vector<std::string>& args) {
  const std::string usage(say(
      "Kullanım: nes cancel --id KAYIT [--journal DOSYA] [--ca-file DOSYA] [--password-file DOSYA] [--json]\n"
      "Günlükteki bir başvuruyu portalda iptal eder (ödemeden önce; Başvurularım → İptal). Kişinin şifresiyle\n"
      "giriş yapılır; kayıt iptal edildi olarak kapanır. Portalda karşılığı olmayan bir kayıt için: nes journal\n"
      "forget.\nÇıkış durumu: 0 iptal edildi, 1 reddedildi (ör. ödeme yapılmış), 2 kullanım hatası, 3 geçici sorun.\n",
      "Usage: nes cancel --id ENTRY [--journal FILE] [--ca-file FILE] [--password-file FILE] [--json]\n"
      "Cancels an application of the journal on the portal (before payment; Başvurularım → İptal), after a\n"
      "login with the person's password; the entry is closed as cancelled. For an entry the portal holds\n"
      "nothing of: nes journal forget.\n"
      "Exit status: 0 cancelled, 1 refused (e.g. already paid), 2 usage error, 3 transient.\n"));
  ApplyOptions options;
  std::int64_t id = 0;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()("id", po::value(&id), std::string(say("günlükteki kayıt", "the journal's entry")).c_str());
  add_apply_options(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage, "cancel", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "cancel", false)) return exit_usage;
  if (id <= 0) return usage_error("cancel", "--id gerekli", "--id is required", options.json);
  auto journal = open_journal(options, "cancel");
  if (!journal) return exit_failed;
  error_code ec;
  auto entry = journal->find(id, ec);
  if (!entry) {
    return usage_error("cancel", "günlükte bu numarada kayıt yok", "the journal has no such entry", options.json,
                       std::to_string(id));
  }
  if (entry->application_id.empty()) {
    return usage_error("cancel", "bu kaydın portalda başvuru numarası yok; nes journal forget ile silin",
                       "this entry has no application on the portal; drop it with nes journal forget", options.json);
  }
  const std::string masked = masked_tckn(entry->tckn);
  const std::string file = password_file_for(options, entry->tckn);
  if (!file.empty() && RefusedFiles(journal_path(options)).refused(file)) {
    return usage_error("cancel", "bu şifre dosyası reddedildi; değiştirilmeden gönderilmez",
                       "this password file was refused; it is not sent until it is changed", options.json, file);
  }
  std::string error;
  auto password = read_secret(file, "NES_PASSWORD",
                              std::string(say("e-Devlet şifresi (", "e-Devlet password (")) + masked + "): ", error);
  if (!password)
    return usage_error("cancel", "e-Devlet şifresi alınamadı", "no e-Devlet password", options.json, error);
  boost::asio::io_context io;
  options.portal = entry->portal;
  auto client = client_for(io, options, "cancel");
  if (!client) return exit_usage;
  auto [lec, session] = run_on<Session>(io, [&](auto handler) {
    client->async_login(Credentials{SecretString(entry->tckn), std::move(*password)}, std::move(handler));
  });
  if (lec) {
    if (session.problem() != nullptr && session.problem()->is("invalid_credentials") && !file.empty()) {
      RefusedFiles(journal_path(options)).remember(file);
    }
    return failed("cancel", lec, session.problem(), options);
  }
  auto application = Application::attach(*session, entry->application_id);
  auto [cec, cancelled] =
      run_on<ApplicationInfo>(io, [&](auto handler) { application.async_cancel(std::move(handler)); });
  if (cec) return failed("cancel", cec, cancelled.problem(), options);
  entry->step = JournalStep::finished;
  entry->portal_status = std::string(to_string(cancelled->status));
  entry->note = std::string(say("iptal edildi", "cancelled"));
  journal->record(*entry, ec);
  if (options.json) {
    ApplyResult result;
    result.entry = *entry;
    result.finished = true;
    std::cout << boost::json::serialize(result_json(result)) << "\n";
  } else {
    std::cout << "nes: " << entry->application_id << ": " << say(status_label(cancelled->status)) << "\n";
  }
  return exit_ok;
}

}  // namespace nes::cli
