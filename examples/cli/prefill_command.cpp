#include "prefill_command.hpp"

#include "private_file.hpp"

#include "command_status.hpp"
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

const char* const usage =
    "Usage: nes prefill --registry FILE.csv --institution ID --out DIR [--catalogue FILE] [--json]\n"
    "Turns an HR export (CSV, UTF-8 with or without BOM, a header row naming the columns) into one\n"
    "validated draft form per person (DIR/forms/line-N.json) and a report of every row with its\n"
    "problems by field (DIR/report.csv, DIR/report.json). A bad row never stops the others.\n"
    "Columns: see docs/cli.md. Exit status: 0 every row valid, 1 some rows have problems,\n"
    "2 unreadable input or usage error.\n";

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

std::string problems_text(const FieldErrors& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += (out.empty() ? "" : "; ") + (p.field.empty() ? std::string("(row)") : p.field) + ":" +
           std::string(to_string(p.code));
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
  po::options_description d("Options");
  d.add_options()("registry", po::value(&registry), "the HR export (CSV)")("institution", po::value(&institution),
                                                                           "the institution id of every form")(
      "out", po::value(&out), "the folder for the drafts and the report")(
      "catalogue", po::value(&catalogue_file), "the institution catalogue whose rules apply")(
      "json", po::bool_switch(&json), "print the summary as JSON")("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(d).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "nes prefill: " << e.what() << "\n" << usage << d;
    return exit_usage;
  }
  if (vm.count("help") != 0U) {
    std::cout << usage << d;
    return exit_ok;
  }
  if (registry.empty() || institution.empty() || out.empty()) {
    std::cerr << "nes prefill: --registry, --institution and --out are required\n" << usage;
    return exit_usage;
  }
  const auto catalogue = read_catalogue(catalogue_file);
  if (!catalogue) {
    std::cerr << "nes prefill: the catalogue " << catalogue_file << " cannot be read or is not valid\n";
    return exit_usage;
  }
  std::error_code fs_error;
  const auto size = std::filesystem::file_size(registry, fs_error);
  if (fs_error || size > max_registry_bytes) {
    std::cerr << "nes prefill: cannot read " << registry << (fs_error ? ": " + fs_error.message() : ": too large")
              << "\n";
    return exit_usage;
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
    std::cerr << "nes prefill: cannot create " << forms_dir.string() << ": " << fs_error.message() << "\n";
    return exit_usage;
  }
  PrefillResult result;
  {
    ProgressBar bar("prefill");
    result = prefill_forms(text, institution, *catalogue,
                           [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  }
  secure_wipe(text.data(), text.size());

  std::string report_csv = "line,status,tckn_masked,first_name,last_name,draft,problems\n";
  boost::json::array rows;
  bool written = true;
  for (const auto& row : result.rows) {
    std::string draft;
    if (row.form) {
      draft = "forms/line-" + std::to_string(row.line) + ".json";
      const auto encoded = encode_form_json(*row.form);
      written = write_private(std::filesystem::path(out) / draft, encoded.reveal()) && written;
    }
    report_csv += std::to_string(row.line) + "," + (row.form ? "valid" : "invalid") + "," + row.tckn_masked + "," +
                  csv_cell(row.first_name) + "," + csv_cell(row.last_name) + "," + draft + "," +
                  csv_cell(problems_text(row.problems)) + "\n";
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
  written = write_private(std::filesystem::path(out) / "report.csv", report_csv) && written;
  written = write_private(std::filesystem::path(out) / "report.json", boost::json::serialize(report)) && written;
  if (!written) {
    std::cerr << "nes prefill: cannot write into " << out << "\n";
    return exit_usage;
  }
  for (const auto& p : result.file_problems) {
    std::cerr << "nes prefill: the file: column '" << p.field << "' [" << to_string(p.code) << "] " << p.message_en
              << "\n";
  }
  if (json) {
    std::cout << boost::json::serialize(summary) << "\n";
  } else {
    std::cout << "prefill: " << result.rows.size() << " rows, " << result.valid() << " valid, " << result.invalid()
              << " with problems; drafts in " << forms_dir.string() << ", report in " << out << "/report.csv and "
              << out << "/report.json\n";
  }
  return result.invalid() == 0 && result.file_problems.empty() ? exit_ok : exit_failed;
}

}  // namespace nes::cli
