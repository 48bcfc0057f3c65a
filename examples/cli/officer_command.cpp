#include "officer_command.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "officer_sign.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"

#include <nes/field_paths.hpp>
#include <nes/messages.hpp>
#include <nes/officer.hpp>
#include <nes/prefill.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

// An HR export of a large institution: tens of thousands of rows.
constexpr std::uintmax_t max_export_bytes = 256U << 20U;

std::string usage() {
  return std::string(
      say("Kullanım: nes officer KOMUT --portal URL --institution KURUM [SEÇENEKLER]\n"
          "Kurum yetkilisinin işleri (Yetkili İşlemleri; kurum ödemeli başvurular):\n"
          "  upload        personel listesini (İK dışa aktarımı, CSV) başvuru isteği olarak gönder\n"
          "  applications  kurumun isteklerini ve başvurularını durumlarıyla listele\n"
          "  list          imzalanacak NES başvuru listesini ve sürümünü göster\n"
          "  sign          listeyi kontrol ettiğiniz sürümüyle e-imza ile imzala (günlüğe yazılır)\n"
          "nes officer KOMUT --help her komutun seçeneklerini gösterir. Yetkili e-Devlet ile giriş yapar: T.C. Kimlik\n"
          "No --tckn'den (ps ile görülebilir), $NES_TCKN'den ya da terminalden; şifre --password-file'dan,\n"
          "$NES_PASSWORD'den ya da terminalden alınır.\n",
          "Usage: nes officer COMMAND --portal URL --institution ID [OPTIONS]\n"
          "The institution's authorised officer's work (Yetkili İşlemleri; institution-paid applications):\n"
          "  upload        send the staff list (an HR export, CSV) as application requests\n"
          "  applications  list the institution's requests and applications with their statuses\n"
          "  list          show the NES application list to sign, with its version\n"
          "  sign          sign the list at the version you checked, by e-imza (recorded in the journal)\n"
          "nes officer COMMAND --help shows a command's options. The officer logs in through e-Devlet: the\n"
          "T.C. Kimlik No from --tckn (visible to ps), $NES_TCKN or the terminal; the password from\n"
          "--password-file, $NES_PASSWORD or the terminal.\n"));
}

// The portal's row field ("requests[3].work_email") as the form's path, for its label.
std::string form_path_of(const std::string& field) {
  static const std::map<std::string, std::string, std::less<>> paths = {
      {"tckn", std::string(fields::identity_tckn)},
      {"first_name", std::string(fields::identity_first_name)},
      {"last_name", std::string(fields::identity_last_name)},
      {"unit", std::string(fields::institution_unit)},
      {"work_email", std::string(fields::identity_email)},
      {"work_phone", std::string(fields::institution_work_phone)}};
  const auto dot = field.rfind('.');
  const auto found = paths.find(dot == std::string::npos ? field : field.substr(dot + 1));
  return found == paths.end() ? field : found->second;
}

// "T.C. Kimlik No: …; E-posta: …" in the interface's language.
std::string problems_text(const FieldErrors& problems) {
  std::string out;
  for (const auto& p : problems) {
    const std::string path = form_path_of(p.field);
    const auto label = field_label(path);
    const std::string name = label          ? std::string(say(*label))
                             : path.empty() ? std::string(say("(satır)", "(row)"))
                                            : path;
    out += (out.empty() ? "" : "; ") + name + ": " + (ui_language() == Language::tr ? p.message_tr : p.message_en);
  }
  return out;
}

boost::json::array problems_json(const FieldErrors& problems) {
  boost::json::array out;
  for (const auto& p : problems) {
    out.push_back(boost::json::object{{"field", form_path_of(p.field)},
                                      {"code", to_string(p.code)},
                                      {"message_tr", p.message_tr},
                                      {"message_en", p.message_en}});
  }
  return out;
}

struct Common {
  ApplyOptions options;
  PersonLogin login{.officer = true};
  std::string institution;
};

void add_common_options(po::options_description& d, Common& c) {
  d.add_options()("institution", po::value(&c.institution),
                  std::string(say("kurumun kodu (katalogdaki)", "the institution's id")).c_str());
  add_login_options(d, c.options, c.login);
}

// The parsed command line's checks shared by every subcommand.
bool check_common(const Common& c, const std::string& command) {
  if (!check_apply_options(c.options, command, true)) return false;
  if (c.institution.empty()) {
    usage_error(command, "--institution gerekli", "--institution is required", c.options.json);
    return false;
  }
  return true;
}

// A subcommand with the common options only: the exit status when it is
// done (help, a usage error), else nullopt.
std::optional<int> parse_common_only(const std::vector<std::string>& args, const std::string& help_text,
                                     const std::string& command, Common& c) {
  po::options_description d(std::string(say("Seçenekler", "Options")));
  add_common_options(d, c);
  bool help = false;
  if (!parse_command_line(args, d, help_text, command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_common(c, command)) return exit_usage;
  return std::nullopt;
}

int run_upload(const std::vector<std::string>& args) {
  const std::string command = "officer upload";
  const std::string help_text(
      say("Kullanım: nes officer upload --portal URL --institution KURUM --registry DOSYA.csv [--json]\n"
          "İK dışa aktarımını (nes prefill'in sütunları; CSV) kurumun başvuru istekleri olarak gönderir. Her satır\n"
          "önce burada denetlenir (T.C. Kimlik No, ad, soyad, email: iş e-postası, unit, work_phone); sorunlu\n"
          "satırlar gönderilmez. Portal her satırı kendi kaydıyla da denetler (kurum personeli mi, ad kayıttaki gibi\n"
          "mi). Aynı liste yeniden gönderildiğinde yeni bir şey oluşmaz. Her yeni isteğin erişim parolası kişinin\n"
          "iş e-postasına gider.\n"
          "Çıkış durumu: 0 her satır kabul edildi, 1 reddedilen satırlar var, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes officer upload --portal URL --institution ID --registry FILE.csv [--json]\n"
          "Sends an HR export (nes prefill's columns; CSV) as the institution's application requests. Each row is\n"
          "checked here first (T.C. Kimlik No, first and last name, email: the work address, unit, work_phone);\n"
          "rows with problems are not sent. The portal checks each row against its own record too (staff of the\n"
          "institution, the name as registered). The same list sent again creates nothing. Each new request's\n"
          "access code goes to the person's work e-mail.\n"
          "Exit status: 0 every row accepted, 1 some rows refused, 2 usage error, 3 transient.\n"));
  Common c;
  std::string registry;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()("registry", po::value(&registry),
                  std::string(say("İK dışa aktarımı (CSV)", "the HR export (CSV)")).c_str());
  add_common_options(d, c);
  bool help = false;
  if (!parse_command_line(args, d, help_text, command, help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_common(c, command)) return exit_usage;
  if (registry.empty()) return usage_error(command, "--registry gerekli", "--registry is required", c.options.json);
  std::error_code fs_error;
  const auto size = std::filesystem::file_size(registry, fs_error);
  if (fs_error || size > max_export_bytes) {
    return usage_error(command, fs_error ? "İK dosyası okunamıyor" : "İK dosyası çok büyük (sınır 256 MiB)",
                       fs_error ? "the HR file cannot be read" : "the HR file is too large (the limit: 256 MiB)",
                       c.options.json, registry);
  }
  std::string csv(size, '\0');
  std::ifstream(registry, std::ios::binary).read(csv.data(), static_cast<std::streamsize>(size));
  auto local = prefill_requests(csv);
  secure_wipe(csv.data(), csv.size());
  if (!local.file_problems.empty()) {
    return usage_error(command, "CSV okunamadı", "the CSV cannot be read", c.options.json,
                       problems_text(local.file_problems));
  }
  std::vector<StaffRequest> rows;
  std::vector<std::size_t> sent_lines;
  for (auto& row : local.rows) {
    if (!row.valid()) continue;
    rows.push_back({std::move(row.tckn), row.first_name, row.last_name, row.unit, row.work_email, row.work_phone});
    sent_lines.push_back(row.line);
  }
  boost::asio::io_context io;
  auto session = person_session(io, c.options, c.login, command);
  if (!session) return session.status;
  StaffRequestReport report;
  if (!rows.empty()) {
    Officer officer(*session.session, c.institution);
    auto [ec, answered] =
        run_on<StaffRequestReport>(io, [&](auto h) { officer.async_upload(std::move(rows), std::move(h)); });
    if (ec) return failed(command, ec, answered.problem(), c.options);
    report = std::move(answered).value();
  }
  // The portal's rows, by the file line they came from.
  std::map<std::size_t, const StaffRequestOutcome*> by_line;
  for (const auto& r : report.rows) {
    if (r.row < sent_lines.size()) by_line[sent_lines[r.row]] = &r;
  }
  int refused = 0;
  boost::json::array out_rows;
  for (const auto& row : local.rows) {
    const auto found = by_line.find(row.line);
    const StaffRequestOutcome* remote = found == by_line.end() ? nullptr : found->second;
    const bool accepted = remote != nullptr && remote->accepted;
    if (!accepted) ++refused;
    const FieldErrors& problems = remote != nullptr ? remote->errors : row.problems;
    if (c.options.json) {
      boost::json::object o{{"line", row.line}, {"tckn_masked", row.tckn_masked}, {"accepted", accepted}};
      if (accepted) {
        o["request_id"] = remote->request_id;
        o["created"] = remote->created;
      } else {
        o["checked_by"] = remote != nullptr ? "portal" : "local";
        o["problems"] = problems_json(problems);
      }
      out_rows.push_back(std::move(o));
      continue;
    }
    std::cout << say("  satır ", "  line ") << row.line << "  " << row.tckn_masked << "  ";
    if (accepted) {
      std::cout << remote->request_id << "  "
                << (remote->created ? say("yeni istek; erişim parolası iş e-postasına gönderildi",
                                          "new request; the access code went to the work e-mail")
                                    : say("açık bir istek zaten var; yeni bir şey oluşmadı",
                                          "an open request exists already; nothing new was made"))
                << "\n";
    } else {
      std::cout << (remote != nullptr ? say("portal reddetti: ", "refused by the portal: ")
                                      : say("gönderilmedi: ", "not sent: "))
                << problems_text(problems) << "\n";
    }
  }
  if (c.options.json) {
    std::cout << boost::json::serialize(boost::json::object{{"institution", c.institution},
                                                            {"accepted", report.accepted},
                                                            {"created", report.created},
                                                            {"refused", refused},
                                                            {"rows", std::move(out_rows)}})
              << "\n";
  } else {
    std::cout << say("Özet: ", "Summary: ") << report.accepted << say(" kabul (", " accepted (") << report.created
              << say(" yeni), ", " new), ") << refused << say(" reddedildi\n", " refused\n");
  }
  return refused == 0 ? exit_ok : exit_failed;
}

int run_applications(const std::vector<std::string>& args) {
  const std::string command = "officer applications";
  const std::string help_text(
      say("Kullanım: nes officer applications --portal URL --institution KURUM [--json]\n"
          "Kurumun isteklerini (erişim parolası kullanıldı mı) ve başvurularını durumlarıyla listeler.\n"
          "Çıkış durumu: 0, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes officer applications --portal URL --institution ID [--json]\n"
          "Lists the institution's requests (was the access code used) and applications with their statuses.\n"
          "Exit status: 0, 1 refused, 2 usage error, 3 transient.\n"));
  Common c;
  if (const auto done = parse_common_only(args, help_text, command, c)) return *done;
  boost::asio::io_context io;
  auto session = person_session(io, c.options, c.login, command);
  if (!session) return session.status;
  Officer officer(*session.session, c.institution);
  auto [ec, overview] = run_on<InstitutionOverview>(io, [&](auto h) { officer.async_overview(std::move(h)); });
  if (ec) return failed(command, ec, overview.problem(), c.options);
  auto masked = [](const SecretString& tckn) { return masked_tckn(std::string(tckn.reveal())); };
  if (c.options.json) {
    boost::json::array requests;
    for (const auto& r : overview->requests) {
      requests.push_back({{"request_id", r.request_id},
                          {"tckn_masked", masked(r.tckn)},
                          {"first_name", r.first_name},
                          {"last_name", r.last_name},
                          {"unit", r.unit},
                          {"application_id", r.application_id}});
    }
    boost::json::array applications;
    for (const auto& a : overview->applications) {
      applications.push_back({{"id", a.id},
                              {"tckn_masked", masked(a.tckn)},
                              {"first_name", a.first_name},
                              {"last_name", a.last_name},
                              {"status", to_string(a.status)},
                              {"status_text", say(status_label(a.status))},
                              {"fee_total_kurus", a.fee.total.kurus()},
                              {"held_back_reason", a.held_back_reason},
                              {"invoice_id", a.invoice_id}});
    }
    std::cout << boost::json::serialize(boost::json::object{{"institution", c.institution},
                                                            {"requests", std::move(requests)},
                                                            {"applications", std::move(applications)}})
              << "\n";
    return exit_ok;
  }
  std::cout << overview->institution.name << "\n" << say("İstekler:\n", "Requests:\n");
  if (overview->requests.empty()) std::cout << say("  yok\n", "  none\n");
  for (const auto& r : overview->requests) {
    std::cout << "  " << r.request_id << "  " << masked(r.tckn) << "  " << r.first_name << " " << r.last_name << "  "
              << (r.application_id.empty()
                      ? std::string(say("erişim parolası henüz kullanılmadı", "the access code is not used yet"))
                      : std::string(say("başvuru: ", "application: ")) + r.application_id)
              << "\n";
  }
  std::cout << say("Başvurular:\n", "Applications:\n");
  if (overview->applications.empty()) std::cout << say("  yok\n", "  none\n");
  for (const auto& a : overview->applications) {
    std::cout << "  " << a.id << "  " << masked(a.tckn) << "  " << a.first_name << " " << a.last_name << "  "
              << say(status_label(a.status)) << "  " << a.fee.total.format_tr();
    if (!a.held_back_reason.empty())
      std::cout << say("  (listeden çıkarıldı: ", "  (left off: ") << a.held_back_reason << ")";
    std::cout << "\n";
  }
  return exit_ok;
}

int run_list(const std::vector<std::string>& args) {
  const std::string command = "officer list";
  const std::string help_text(
      say("Kullanım: nes officer list --portal URL --institution KURUM [--json]\n"
          "Kurumun onayını bekleyen başvuruların listesini tam metniyle ve sürümüyle gösterir. Kontrol ettiğiniz\n"
          "sürümü nes officer sign --version SÜRÜM ile imzalayın: liste o arada değişirse imza reddedilir.\n"
          "Çıkış durumu: 0, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun.\n",
          "Usage: nes officer list --portal URL --institution ID [--json]\n"
          "Shows the list of applications waiting for the institution, its exact text and its version. Sign\n"
          "the version you checked with nes officer sign --version VERSION: if the list changes meanwhile,\n"
          "the signature is refused.\n"
          "Exit status: 0, 1 refused, 2 usage error, 3 transient.\n"));
  Common c;
  if (const auto done = parse_common_only(args, help_text, command, c)) return *done;
  boost::asio::io_context io;
  auto session = person_session(io, c.options, c.login, command);
  if (!session) return session.status;
  Officer officer(*session.session, c.institution);
  auto [ec, list] = run_on<InstitutionList>(io, [&](auto h) { officer.async_list(std::move(h)); });
  if (ec) return failed(command, ec, list.problem(), c.options);
  if (c.options.json) {
    std::cout << boost::json::serialize(boost::json::object{{"version", list->version}, {"document", list->document}})
              << "\n";
    return exit_ok;
  }
  std::cout << list->document << "\n" << say("Liste sürümü: ", "List version: ") << list->version << "\n";
  return exit_ok;
}

}  // namespace

int run_officer(const std::vector<std::string>& args) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    (args.empty() ? std::cerr : std::cout) << usage();
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& sub = args.front();
  if (sub == "upload") return run_upload(rest);
  if (sub == "applications") return run_applications(rest);
  if (sub == "list") return run_list(rest);
  if (sub == "sign") return run_officer_sign(rest);
  std::cerr << "nes officer: " << say("bilinmeyen komut: ", "unknown command: ") << sub << "\n" << usage();
  return exit_usage;
}

}  // namespace nes::cli
