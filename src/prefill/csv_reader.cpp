#include "prefill/csv_reader.hpp"

namespace nes::prefill {

std::vector<CsvRecord> read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t at = 0;
  while (at < text.size()) {
    // A blank line is no record.
    if (text[at] == '\n' || (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n')) {
      at += text[at] == '\n' ? 1U : 2U;
      ++line;
      continue;
    }
    CsvRecord record;
    record.line = line;
    std::string field;
    bool ended = false;
    while (!ended) {
      if (at < text.size() && text[at] == '"') {
        // Quoted: up to the closing quote; "" is one quote; line ends kept.
        ++at;
        bool closed = false;
        while (at < text.size()) {
          const char c = text[at++];
          if (c == '"') {
            if (at < text.size() && text[at] == '"') {
              field += '"';
              ++at;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (!closed) {
          record.error = "a quoted field is not closed";
          record.error_tr = "tırnaklı bir alan kapanmıyor";
          record.fields.push_back(std::move(field));
          records.push_back(std::move(record));
          return records;
        }
        if (at < text.size() && text[at] != ',' && text[at] != '\n' && text[at] != '\r') {
          record.error = "text after a closing quote";
          record.error_tr = "kapanan tırnaktan sonra metin var";
          while (at < text.size() && text[at] != ',' && text[at] != '\n' && text[at] != '\r') ++at;
        }
      } else {
        while (at < text.size() && text[at] != ',' && text[at] != '\n' && text[at] != '\r') {
          if (text[at] == '"' && record.error.empty()) {
            record.error = "a quote inside an unquoted field";
            record.error_tr = "tırnaksız bir alanın içinde tırnak var";
          }
          field += text[at++];
        }
      }
      record.fields.push_back(std::move(field));
      field.clear();
      if (at >= text.size()) {
        ended = true;
      } else if (text[at] == ',') {
        ++at;
      } else {
        // \n, \r\n, or a lone \r (old Mac line ends).
        at += (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n') ? 2U : 1U;
        ++line;
        ended = true;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace nes::prefill
