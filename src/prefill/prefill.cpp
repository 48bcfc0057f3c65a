// HR prefill: each CSV row becomes the form's JSON, which the SDK's own
// decoder and validators check (check_form_json), so that a row gets
// exactly the problems a form file would, on the same field paths.

#include "prefill/csv_reader.hpp"
#include "prefill/prefill_table.hpp"

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

using prefill::cell_of;
using prefill::columns;
using prefill::malformed_row;
using prefill::map_header;
using prefill::masked;
using prefill::wipe;

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
