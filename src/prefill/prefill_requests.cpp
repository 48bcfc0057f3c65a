// HR prefill for the institution's officer: each CSV row read as a request
// (the staff member who should apply), with the SDK's per-field checks on
// the fields a request carries; the other columns are the applicant's to
// fill in later.

#include "prefill/csv_reader.hpp"
#include "prefill/prefill_table.hpp"
#include "text/field_text.hpp"
#include "values/checks.hpp"

#include <nes/field_paths.hpp>
#include <nes/prefill.hpp>

#include <map>

namespace nes {

namespace {

// As the form allows it (form_validation.cpp).
constexpr std::size_t max_unit_length = 100;

void read_request(PrefillRequestRow& row, const prefill::CsvRecord& record, const std::vector<int>& to_column) {
  using prefill::cell_of;
  auto& p = row.problems;
  // Each check reports an empty cell as `required`.
  const auto tckn = detail::check_tckn(cell_of(record, to_column, "tckn"), fields::identity_tckn, p);
  const auto first = detail::check_name_part(cell_of(record, to_column, "first_name"), fields::identity_first_name, p);
  const auto last = detail::check_name_part(cell_of(record, to_column, "last_name"), fields::identity_last_name, p);
  const auto email = detail::check_email(cell_of(record, to_column, "email"), fields::identity_email, p);
  const auto unit = detail::check_required_text(
      cell_of(record, to_column, "unit"), {detail::TextKind::free_text, max_unit_length}, fields::institution_unit, p);
  const auto phone =
      detail::check_landline(cell_of(record, to_column, "work_phone"), fields::institution_work_phone, p);
  if (!p.empty()) {
    // As written, for the person who corrects the row.
    row.tckn = SecretString(cell_of(record, to_column, "tckn"));
    row.first_name = cell_of(record, to_column, "first_name");
    row.last_name = cell_of(record, to_column, "last_name");
    row.work_email = cell_of(record, to_column, "email");
    row.unit = cell_of(record, to_column, "unit");
    row.work_phone = cell_of(record, to_column, "work_phone");
    return;
  }
  row.tckn = SecretString(tckn->digits());
  row.first_name = *first;
  row.last_name = *last;
  row.work_email = email->address();
  row.unit = *unit;
  row.work_phone = *phone;
}

}  // namespace

PrefillRequests prefill_requests(std::string_view csv, const PrefillProgress& progress) {
  PrefillRequests result;
  auto records = prefill::read_csv(csv);
  if (records.empty()) {
    result.file_problems.push_back(make_field_error("", ValidationCode::malformed_csv, "no header row"));
    return result;
  }
  const auto to_column = prefill::map_header(records.front(), result.file_problems);
  std::map<std::string, std::size_t> first_line_of;  // T.C. Kimlik No → line
  const std::size_t total = records.size() - 1;
  for (std::size_t r = 1; r < records.size(); ++r) {
    auto& record = records[r];
    PrefillRequestRow row;
    row.line = record.line;
    std::string tckn = prefill::cell_of(record, to_column, "tckn");
    row.tckn_masked = prefill::masked(tckn);
    if (!record.error.empty()) {
      row.problems.push_back(prefill::malformed_row(record.error, record.error_tr));
    } else if (record.fields.size() != records.front().fields.size()) {
      const std::string have = std::to_string(record.fields.size());
      const std::string want = std::to_string(records.front().fields.size());
      row.problems.push_back(
          prefill::malformed_row(have + " columns, the header has " + want, have + " sütun var, başlıkta " + want));
    } else {
      read_request(row, record, to_column);
      if (!tckn.empty()) {
        const auto [earlier, inserted] = first_line_of.emplace(tckn, row.line);
        if (!inserted) {
          row.problems.push_back(make_field_error(std::string(fields::identity_tckn), ValidationCode::duplicate_person,
                                                  std::to_string(earlier->second)));
        }
      }
    }
    secure_wipe(tckn.data(), tckn.size());
    prefill::wipe(record);
    result.rows.push_back(std::move(row));
    if (progress) progress(r, total);
  }
  prefill::wipe(records.front());
  return result;
}

}  // namespace nes
