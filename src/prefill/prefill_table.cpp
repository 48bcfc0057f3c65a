#include "prefill/prefill_table.hpp"

#include <algorithm>

namespace nes::prefill {

const std::array<PrefillColumn, 17> columns{{
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
std::vector<int> map_header(const CsvRecord& header, FieldErrors& problems) {
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

std::string cell_of(const CsvRecord& row, const std::vector<int>& to_column, std::string_view column) {
  for (std::size_t i = 0; i < row.fields.size() && i < to_column.size(); ++i) {
    if (to_column[i] >= 0 && columns[static_cast<std::size_t>(to_column[i])].name == column) return row.fields[i];
  }
  return {};
}

void wipe(CsvRecord& record) {
  for (auto& f : record.fields) secure_wipe(f.data(), f.size());
}

}  // namespace nes::prefill
