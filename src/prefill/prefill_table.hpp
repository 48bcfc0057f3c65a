#pragma once
// The HR export's table, as every prefill reads it: its columns, the header
// mapped to them, a row's cells, and the row problems both prefill_forms and
// prefill_requests report.

#include "prefill/csv_reader.hpp"

#include <nes/field_error.hpp>
#include <nes/prefill.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace nes::prefill {

extern const std::array<PrefillColumn, 17> columns;

/// malformed_csv with its detail in each language.
FieldError malformed_row(const std::string& detail_en, const std::string& detail_tr);
/// "123******90", to tell rows apart in reports.
std::string masked(const std::string& tckn);
/// Where each header column goes; -1 for a column prefill does not read.
std::vector<int> map_header(const CsvRecord& header, FieldErrors& problems);
/// The cell of `column` in `row`; empty when the file has no such column.
std::string cell_of(const CsvRecord& row, const std::vector<int>& to_column, std::string_view column);
/// Wipes the row's cells (they hold T.C. Kimlik Nos).
void wipe(CsvRecord& record);

}  // namespace nes::prefill
