// HR prefill: each CSV row becomes the form's JSON, which the SDK's own
// decoder and validators check (check_form_json), so that a row gets
// exactly the problems a form file would, on the same field paths.

#include "prefill/csv_reader.hpp"

#include <nes/answers.hpp>
#include <nes/form_json.hpp>
#include <nes/prefill.hpp>
#include <nes/secret.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace nes {

namespace {

constexpr std::array<PrefillColumn, 17> columns{{
    {"tckn", "identity.tckn"},
    {"first_name", "identity.first_name"},
    {"last_name", "identity.last_name"},
    {"mobile_phone", "identity.mobile_phone"},
    {"email", "identity.email"},
    {"info_channel", "identity.info_channel"},
    {"unit", "institution.unit"},
    {"work_phone", "institution.work_phone"},
    {"extension", "institution.extension"},
    {"address_type", "delivery.address_type"},
    {"address_line", "delivery.address_line"},
    {"district", "delivery.district"},
    {"province", "delivery.province"},
    {"postal_code", "delivery.postal_code"},
    {"validity_years", "certificate.validity_years"},
    {"card_reader", "certificate.card_reader"},
    {"publish_online", "certificate.publish_online"},
}};

// Yes/no as HR exports write it, in Turkish or English ("HAYIR", "Evet");
// anything else stays text, for the validator to name (wrong_type).
boost::json::value yes_no(const std::string& cell) {
  if (const auto answer = yes_no_from_text(cell)) return *answer;
  return boost::json::string(cell);
}

// A closed choice written in Turkish ("İş", "Diğer", "E-posta") becomes the
// form's value; anything else stays, for the validator to name (unknown_value).
std::string choice(std::string_view member, const std::string& cell) {
  if (member == "address_type") {
    if (const auto type = address_type_from_text(cell)) return std::string(to_string(*type));
  } else if (member == "info_channel") {
    if (const auto channel = info_channel_from_text(cell)) return std::string(to_string(*channel));
  }
  return cell;
}

boost::json::value number_or_text(const std::string& cell) {
  if (!cell.empty() && cell.size() <= 4 &&
      std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stoi(cell);
  }
  return boost::json::string(cell);
}

// malformed_csv with its detail in each language.
FieldError malformed_row(const std::string& detail_en, const std::string& detail_tr) {
  auto error = make_field_error("", ValidationCode::malformed_csv, detail_en);
  error.message_tr = make_field_error("", ValidationCode::malformed_csv, detail_tr).message_tr;
  return error;
}

std::string masked(const std::string& tckn) {
  if (tckn.size() != 11) return tckn.empty() ? "" : "***";
  return tckn.substr(0, 3) + "******" + tckn.substr(9);
}

// Where each header column goes; -1 for a column prefill does not read.
std::vector<int> map_header(const prefill::CsvRecord& header, FieldErrors& problems) {
  std::vector<int> to_column(header.fields.size(), -1);
  std::vector<bool> seen(columns.size(), false);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = header.fields[i];
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    const auto found = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
    if (found == columns.end()) {
      problems.push_back(make_field_error(name, ValidationCode::unknown_field));
      continue;
    }
    const auto index = static_cast<std::size_t>(found - columns.begin());
    if (seen[index]) {
      problems.push_back(make_field_error(name, ValidationCode::duplicate_field));
      continue;
    }
    seen[index] = true;
    to_column[i] = static_cast<int>(index);
  }
  return to_column;
}

// The row as the form's JSON; empty cells are left out.
std::string row_json(const prefill::CsvRecord& row, const std::vector<int>& to_column, std::string_view institution) {
  boost::json::object certificate;
  boost::json::object identity;
  boost::json::object institution_object{{"id", institution}};
  boost::json::object delivery;
  for (std::size_t i = 0; i < row.fields.size() && i < to_column.size(); ++i) {
    const std::string& cell = row.fields[i];
    if (to_column[i] < 0 || cell.empty()) continue;
    const std::string_view path = columns[static_cast<std::size_t>(to_column[i])].field_path;
    const auto dot = path.find('.');
    const std::string_view section = path.substr(0, dot);
    const std::string_view member = path.substr(dot + 1);
    if (section == "certificate") {
      certificate[member] = member == "validity_years" ? number_or_text(cell) : yes_no(cell);
    } else if (section == "identity") {
      identity[member] = choice(member, cell);
    } else if (section == "institution") {
      institution_object[member] = cell;
    } else {
      delivery[member] = choice(member, cell);
    }
  }
  // What an HR export rarely carries: SMS, no card reader, not published.
  if (!identity.contains("info_channel")) identity["info_channel"] = "sms";
  if (!certificate.contains("card_reader")) certificate["card_reader"] = false;
  if (!certificate.contains("publish_online")) certificate["publish_online"] = false;
  return boost::json::serialize(boost::json::object{{"certificate", std::move(certificate)},
                                                    {"identity", std::move(identity)},
                                                    {"institution", std::move(institution_object)},
                                                    {"delivery", std::move(delivery)}});
}

std::string cell_of(const prefill::CsvRecord& row, const std::vector<int>& to_column, std::string_view column) {
  for (std::size_t i = 0; i < row.fields.size() && i < to_column.size(); ++i) {
    if (to_column[i] >= 0 && columns[static_cast<std::size_t>(to_column[i])].name == column) return row.fields[i];
  }
  return {};
}

void wipe(prefill::CsvRecord& record) {
  for (auto& f : record.fields) secure_wipe(f.data(), f.size());
}

}  // namespace

std::span<const PrefillColumn> prefill_columns() noexcept { return columns; }

std::size_t PrefillResult::valid() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.form.has_value(); }));
}

PrefillResult prefill_forms(std::string_view csv, std::string_view institution_id,
                            std::span<const Institution> catalogue, const PrefillProgress& progress) {
  PrefillResult result;
  auto records = prefill::read_csv(csv);
  if (records.empty()) {
    result.file_problems.push_back(make_field_error("", ValidationCode::malformed_csv, "no header row"));
    return result;
  }
  const auto to_column = map_header(records.front(), result.file_problems);
  std::map<std::string, std::size_t> first_line_of;  // T.C. Kimlik No → line
  const std::size_t total = records.size() - 1;
  for (std::size_t r = 1; r < records.size(); ++r) {
    auto& record = records[r];
    PrefillRow row;
    row.line = record.line;
    const std::string tckn = cell_of(record, to_column, "tckn");
    row.tckn_masked = masked(tckn);
    row.first_name = cell_of(record, to_column, "first_name");
    row.last_name = cell_of(record, to_column, "last_name");
    if (!record.error.empty()) {
      row.problems.push_back(malformed_row(record.error, record.error_tr));
    } else if (record.fields.size() != records.front().fields.size()) {
      const std::string have = std::to_string(record.fields.size());
      const std::string want = std::to_string(records.front().fields.size());
      row.problems.push_back(
          malformed_row(have + " columns, the header has " + want, have + " sütun var, başlıkta " + want));
    } else {
      std::string json = row_json(record, to_column, institution_id);
      auto checked = check_form_json(json, catalogue);
      secure_wipe(json.data(), json.size());
      row.problems = std::move(checked.errors);
      if (!tckn.empty()) {
        const auto [earlier, inserted] = first_line_of.emplace(tckn, row.line);
        if (!inserted) {
          row.problems.push_back(
              make_field_error("identity.tckn", ValidationCode::duplicate_person, std::to_string(earlier->second)));
        }
      }
      if (row.problems.empty()) row.form = std::move(checked.normalized);
    }
    wipe(record);
    result.rows.push_back(std::move(row));
    if (progress) progress(r, total);
  }
  wipe(records.front());
  return result;
}

}  // namespace nes
