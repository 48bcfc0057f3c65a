#include "prefill_command.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "private_file.hpp"
#include "progress_bar.hpp"

#include <nes/form_json.hpp>
#include <nes/prefill.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/program_options.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

// An HR export of a large institution: tens of thousands of rows.
constexpr std::uintmax_t max_registry_bytes = 256U << 20U;

std::string usage() {
  return std::string(
      say("Kullanım: nes prefill --registry DOSYA.csv --institution KURUM --out KLASÖR [--catalogue DOSYA] [--excel]\n"
          "                      [--json]\n"
          "İK dışa aktarımını (CSV; UTF-8, BOM'lu ya da BOM'suz; sütunları adlandıran bir başlık satırı) kişi başına\n"
          "denetlenmiş bir taslak forma (KLASÖR/forms/line-N.json) ve her satırı sorunlarıyla, alan alan gösteren bir\n"
          "rapora (KLASÖR/report.csv, KLASÖR/report.json) çevirir. Hatalı bir satır ötekileri durdurmaz. Evet/hayır\n"
          "ve seçim sütunları Türkçe yazılabilir (evet, HAYIR, iş, diğer, e-posta). Dosyalar 0600 yazılır.\n"
          "--excel: report.csv Türkçe Excel'in beklediği gibi (UTF-8 BOM, ';' ayırıcı, CRLF).\n"
          "Sütunlar: docs/cli.md. Çıkış durumu: 0 her satır geçerli, 1 sorunlu satırlar var, 2 okunamayan girdi ya da\n"
          "kullanım hatası.\n",
          "Usage: nes prefill --registry FILE.csv --institution ID --out DIR [--catalogue FILE] [--excel] [--json]\n"
          "Turns an HR export (CSV, UTF-8 with or without BOM, a header row naming the columns) into one\n"
          "validated draft form per person (DIR/forms/line-N.json) and a report of every row with its\n"
          "problems by field (DIR/report.csv, DIR/report.json). A bad row never stops the others. Yes/no and\n"
          "choice columns may be written in Turkish (evet, HAYIR, iş, diğer, e-posta). Files are written 0600.\n"
          "--excel: report.csv as Excel in a Turkish locale expects it (UTF-8 BOM, ';' separator, CRLF).\n"
          "Columns: see docs/cli.md. Exit status: 0 every row valid, 1 some rows have problems,\n"
          "2 unreadable input or usage error.\n"));
}

// Personal data: files only their owner can read.
bool write_private(const std::filesystem::path& path, std::string_view bytes) {
  std::string error;
  return write_private_file(path.string(), bytes, error);
}

std::string csv_cell(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "Cep telefonu: Cep telefonu numarası değil…; E-posta: …" in the
// interface's language, each field by its label.
std::string problems_text(const FieldErrors& problems) {
  std::string out;
  for (const auto& p : problems) {
    const auto label = field_label(p.field);
    const std::string field = label             ? std::string(say(*label))
                              : p.field.empty() ? std::string(say("(satır)", "(row)"))
                                                : p.field;
    out += (out.empty() ? "" : "; ") + field + ": " + (ui_language() == Language::tr ? p.message_tr : p.message_en);
  }
  return out;
}

boost::json::array problems_json(const FieldErrors& problems) {
  boost::json::array out;
  for (const auto& p : problems) {
    out.push_back(boost::json::object{
        {"field", p.field}, {"code", to_string(p.code)}, {"message_tr", p.message_tr}, {"message_en", p.message_en}});
  }
  return out;
}

// The report for people: the interface's language; with --excel, as Excel
// in a Turkish locale opens it (a BOM, ';' between cells, CRLF).
class CsvReport {
 public:
  explicit CsvReport(bool excel) : separator_(excel ? ";" : ","), end_(excel ? "\r\n" : "\n") {
    if (excel) text_ = "\xEF\xBB\xBF";
    row({std::string(say("satır", "line")), std::string(say("durum", "status")), "T.C. Kimlik No",
         std::string(say("ad", "first_name")), std::string(say("soyad", "last_name")),
         std::string(say("taslak", "draft")), std::string(say("sorunlar", "problems"))});
  }
  void row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) text_ += (i == 0 ? "" : separator_) + csv_cell(cells[i]);
    text_ += end_;
  }
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  std::string separator_;
  std::string end_;
  std::string text_;
};

std::optional<std::vector<Institution>> read_catalogue(const std::string& path) {
  if (path.empty()) return std::vector<Institution>{};
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto catalogue = decode_institution_catalogue(text.str());
  if (!in || !catalogue) return std::nullopt;
  return std::move(catalogue).value();
}

}  // namespace

int run_prefill(const std::vector<std::string>& args) {
  std::string registry;
  std::string institution;
  std::string out;
  std::string catalogue_file;
  bool json = false;
  bool excel = false;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto help_text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()("registry", po::value(&registry), help_text("İK dışa aktarımı (CSV)", "the HR export (CSV)").c_str())(
      "institution", po::value(&institution),
      help_text("her formun kurum kimliği (ör. meb)", "the institution id of every form (e.g. meb)").c_str())(
      "out", po::value(&out),
      help_text("taslakların ve raporun klasörü", "the folder for the drafts and the report").c_str())(
      "catalogue", po::value(&catalogue_file),
      help_text("kuralları uygulanacak kurum kataloğu", "the institution catalogue whose rules apply").c_str())(
      "excel", po::bool_switch(&excel),
      help_text("report.csv'yi Excel için yaz (BOM, ';', CRLF)", "write report.csv for Excel (BOM, ';', CRLF)")
          .c_str())("json", po::bool_switch(&json),
                    help_text("özeti JSON olarak yaz", "print the summary as JSON").c_str())(
      "help,h", help_text("bu yardımı göster", "show this help").c_str());
  bool help = false;
  if (!parse_command_line(args, d, usage(), "prefill", help)) return exit_usage;
  if (help) return exit_ok;
  if (registry.empty() || institution.empty() || out.empty()) {
    return usage_error("prefill", "--registry, --institution ve --out gerekli",
                       "--registry, --institution and --out are required", json);
  }
  const auto catalogue = read_catalogue(catalogue_file);
  if (!catalogue) {
    return usage_error("prefill", "katalog okunamıyor ya da geçerli değil",
                       "the catalogue cannot be read or is not valid", json, catalogue_file);
  }
  std::error_code fs_error;
  const auto size = std::filesystem::file_size(registry, fs_error);
  if (fs_error || size > max_registry_bytes) {
    return usage_error("prefill", fs_error ? "İK dosyası okunamıyor" : "İK dosyası çok büyük (sınır 256 MiB)",
                       fs_error ? "the HR file cannot be read" : "the HR file is too large (the limit: 256 MiB)", json,
                       registry + (fs_error ? ": " + os_error(fs_error.value()) : std::string()));
  }
  std::string text(size, '\0');
  std::ifstream(registry, std::ios::binary).read(text.data(), static_cast<std::streamsize>(size));

  const auto forms_dir = std::filesystem::path(out) / "forms";
  std::filesystem::create_directories(forms_dir, fs_error);
  // Drafts of an earlier run would pass for this one's.
  for (const auto& old : std::filesystem::directory_iterator(forms_dir, fs_error)) {
    if (old.path().filename().string().rfind("line-", 0) == 0) std::filesystem::remove(old.path(), fs_error);
  }
  if (fs_error) {
    return usage_error("prefill", "klasör oluşturulamıyor", "the folder cannot be made", json,
                       forms_dir.string() + ": " + os_error(fs_error.value()));
  }
  PrefillResult result;
  {
    ProgressBar bar("prefill");
    result = prefill_forms(text, institution, *catalogue,
                           [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  }
  secure_wipe(text.data(), text.size());

  CsvReport report_csv(excel);
  boost::json::array rows;
  bool written = true;
  for (const auto& row : result.rows) {
    std::string draft;
    if (row.form) {
      draft = "forms/line-" + std::to_string(row.line) + ".json";
      const auto encoded = encode_form_json(*row.form);
      written = write_private(std::filesystem::path(out) / draft, encoded.reveal()) && written;
    }
    report_csv.row({std::to_string(row.line),
                    std::string(row.form ? say("geçerli", "valid") : say("sorunlu", "invalid")), row.tckn_masked,
                    row.first_name, row.last_name, draft, problems_text(row.problems)});
    rows.push_back(boost::json::object{{"line", row.line},
                                       {"valid", row.form.has_value()},
                                       {"tckn_masked", row.tckn_masked},
                                       {"draft", draft},
                                       {"problems", problems_json(row.problems)}});
  }
  const boost::json::object summary{{"rows", result.rows.size()},
                                    {"valid", result.valid()},
                                    {"invalid", result.invalid()},
                                    {"file_problems", problems_json(result.file_problems)}};
  const boost::json::object report{{"summary", summary}, {"rows", std::move(rows)}};
  written = write_private(std::filesystem::path(out) / "report.csv", report_csv.text()) && written;
  written = write_private(std::filesystem::path(out) / "report.json", boost::json::serialize(report)) && written;
  if (!written) return usage_error("prefill", "klasöre yazılamıyor", "cannot write into the folder", json, out);
  for (const auto& p : result.file_problems) {
    std::cerr << "nes prefill: " << say("dosya: sütun '", "the file: column '") << p.field
              << "': " << (ui_language() == Language::tr ? p.message_tr : p.message_en) << "\n";
  }
  if (json) {
    std::cout << boost::json::serialize(summary) << "\n";
  } else {
    std::cout << "prefill: " << result.rows.size() << say(" satır, ", " rows, ") << result.valid()
              << say(" geçerli, ", " valid, ") << result.invalid()
              << say(" sorunlu; taslaklar ", " with problems; drafts in ") << forms_dir.string()
              << say(", rapor ", ", report in ") << out << "/report.csv" << say(" ve ", " and ") << out
              << "/report.json\n";
  }
  return result.invalid() == 0 && result.file_problems.empty() ? exit_ok : exit_failed;
}

}  // namespace nes::cli
