#pragma once
// RFC 4180 records: fields separated by commas, quoted with double quotes
// (a doubled quote inside), CRLF or LF line ends, a leading UTF-8 BOM
// skipped, blank lines skipped. Bytes are passed through as they are; the
// form's validators judge their encoding.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nes::prefill {

struct CsvRecord {
  std::size_t line = 0;  ///< where the record starts, from 1
  std::vector<std::string> fields;
  std::string error;     ///< why it cannot be read (then fields may be partial)
  std::string error_tr;  ///< the same, in Turkish
};

std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace nes::prefill
