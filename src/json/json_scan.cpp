#include "json/json_scan.hpp"

#include "text/utf8.hpp"

#include <nes/secret.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace nes::detail::json {

namespace {

using boost::json::string_view;
using boost::system::error_code;

bool is_plain_name(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           c == '-';
  });
}

// Quotes a key for display: valid characters as they are, control characters
// and broken bytes as escapes.
std::string quoted(std::string_view key) {
  std::string out("[\"");
  std::size_t pos = 0;
  while (pos < key.size()) {
    const std::size_t start = pos;
    const char32_t cp = utf8::decode(key, pos);
    std::array<char, 12> buf{};
    if (cp == utf8::invalid) {
      std::snprintf(buf.data(), buf.size(), "\\x%02X", static_cast<unsigned char>(key[start]));
      out.append(buf.data());
    } else if (cp < 0x20 || cp == 0x7F) {
      std::snprintf(buf.data(), buf.size(), "\\u%04X", static_cast<unsigned>(cp));
      out.append(buf.data());
    } else if (cp == '"' || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else {
      out.append(key.substr(start, pos - start));
    }
  }
  out.append("\"]");
  return out;
}

struct Frame {
  bool is_object = false;
  std::size_t index = 0;
  std::string path;
  std::vector<std::string> keys;
};

// SAX handler for boost::json::basic_parser; see its documentation for the
// required members.
class ScanHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::string> duplicates;

  ~ScanHandler() {
    // Keys are not secret, but values never enter here; wipe the key buffer
    // anyway so that no part of the input survives the scan.
    secure_wipe(key_.data(), key_.capacity());
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t, error_code&) { return close(); }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    key_.append(s.data(), s.size());
    Frame& top = stack_.back();
    if (std::find(top.keys.begin(), top.keys.end(), key_) != top.keys.end()) {
      duplicates.push_back(member_path(top.path, key_));
    } else {
      top.keys.push_back(key_);
    }
    current_key_ = key_;
    key_.clear();
    return true;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return scalar(); }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return scalar(); }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return scalar(); }
  bool on_double(double, string_view, error_code&) { return scalar(); }
  bool on_bool(bool, error_code&) { return scalar(); }
  bool on_null(error_code&) { return scalar(); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  [[nodiscard]] std::string value_path() const {
    if (stack_.empty()) return {};
    const Frame& top = stack_.back();
    return top.is_object ? member_path(top.path, current_key_) : element_path(top.path, top.index);
  }
  bool open(bool is_object) {
    Frame frame;
    frame.is_object = is_object;
    frame.path = value_path();
    stack_.push_back(std::move(frame));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return scalar();
  }
  bool scalar() {
    if (!stack_.empty() && !stack_.back().is_object) ++stack_.back().index;
    return true;
  }

  std::vector<Frame> stack_;
  std::string key_;
  std::string current_key_;
};

// Line and column (from 1) of `offset`.
std::pair<std::size_t, std::size_t> location(std::string_view document, std::size_t offset) {
  offset = std::min(offset, document.size());
  const std::string_view before = document.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const auto last_newline = before.rfind('\n');
  const std::size_t column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return {line, column};
}

}  // namespace

std::string member_path(std::string_view parent, std::string_view key) {
  if (!is_plain_name(key)) return std::string(parent) + quoted(key);
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out.push_back('.');
  out.append(key);
  return out;
}

std::string element_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

ScanResult scan(std::string_view document) {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;
  boost::json::basic_parser<ScanHandler> parser(options);
  error_code ec;
  const std::size_t consumed = parser.write_some(false, document.data(), document.size(), ec);
  ScanResult result;
  if (ec) {
    const auto [line, column] = location(document, consumed);
    result.syntax_error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + ec.message();
    // Boost.JSON's reasons are English: the Turkish message gives the place only.
    result.syntax_error_tr = "satır " + std::to_string(line) + ", sütun " + std::to_string(column);
  } else {
    result.duplicate_paths = std::move(parser.handler().duplicates);
  }
  return result;
}

}  // namespace nes::detail::json

#include <boost/json/parser.hpp>

namespace nes::detail::json {

std::optional<std::vector<std::string>> parse_document(std::string_view document, boost::json::storage_ptr storage,
                                                       boost::json::value& root, FieldErrors& errors) {
  // RFC 8259 §8.1 lets a parser ignore a leading byte order mark; editors on
  // Windows write one.
  if (document.starts_with("\xEF\xBB\xBF")) document.remove_prefix(3);
  ScanResult scanned = scan(document);
  if (scanned.syntax_error) {
    auto error = make_field_error({}, ValidationCode::malformed_json, *scanned.syntax_error);
    error.message_tr = make_field_error({}, ValidationCode::malformed_json, scanned.syntax_error_tr).message_tr;
    errors.push_back(std::move(error));
    return std::nullopt;
  }
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;
  // The parser's temporary stack holds string pieces (a T.C. Kimlik No among
  // them), so it allocates from the caller's storage too, not the default heap.
  boost::json::parser parser(storage, options);
  parser.reset(storage);
  error_code ec;
  parser.write(document.data(), document.size(), ec);
  if (ec) {  // the scan accepted it, so this is unexpected; still no crash
    errors.push_back(make_field_error({}, ValidationCode::malformed_json, ec.message()));
    return std::nullopt;
  }
  root = parser.release();
  return std::move(scanned.duplicate_paths);
}

}  // namespace nes::detail::json
