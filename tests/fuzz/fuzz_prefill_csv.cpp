// HR prefill on arbitrary bytes: the CSV reader and every row's check never
// crash; each row is either a valid draft (which checks valid again once
// encoded) or has well-formed problems; rows come in file order.

#include "fuzz_check.hpp"
#include "prefill/csv_reader.hpp"

#include <nes/form_json.hpp>
#include <nes/prefill.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto records = nes::prefill::read_csv(text);
  for (std::size_t i = 1; i < records.size(); ++i) FUZZ_CHECK(records[i].line > records[i - 1].line);

  const auto result = nes::prefill_forms(text, "meb");
  FUZZ_CHECK(result.rows.size() == (records.empty() ? 0 : records.size() - 1));
  FUZZ_CHECK(result.valid() + result.invalid() == result.rows.size());
  for (const auto& row : result.rows) {
    if (row.form) {
      FUZZ_CHECK(row.problems.empty());
      FUZZ_CHECK(nes::check_form_json(nes::encode_form_json(*row.form).reveal()).valid());
    } else {
      FUZZ_CHECK(nes::fuzz::well_formed(row.problems));
    }
  }
  return 0;
}
