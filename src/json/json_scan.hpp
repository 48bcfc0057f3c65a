#pragma once
// A first pass over a JSON document that finds what Boost.JSON's DOM parser
// would hide: where a syntax error is (line and column), and duplicate keys,
// which the DOM silently resolves to the last one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::detail::json {

struct ScanResult {
  /// "line 3, column 14: syntax error", when the document is not JSON.
  std::optional<std::string> syntax_error;  ///< "line 3, column 38: syntax error"
  std::string syntax_error_tr;              ///< "satır 3, sütun 38"
  /// Paths of keys given more than once ("identity.tckn").
  std::vector<std::string> duplicate_paths;
};

/// Strings may hold invalid UTF-8 (field validators report it per field).
ScanResult scan(std::string_view document);

/// Appends a member to a path: "identity" + "tckn" -> "identity.tckn"; a
/// key that is not a plain name is quoted: identity["bad key"].
std::string member_path(std::string_view parent, std::string_view key);
/// "institutions" + 2 -> "institutions[2]"
std::string element_path(std::string_view parent, std::size_t index);

}  // namespace nes::detail::json

#include <nes/field_error.hpp>

#include <boost/json/value.hpp>

namespace nes::detail::json {

/// Scans and parses `document` into `root` (allocating from `storage`, which
/// must outlive it). On a syntax error reports malformed_json under the empty
/// path and returns nullopt; otherwise returns the duplicate key paths.
std::optional<std::vector<std::string>> parse_document(std::string_view document, boost::json::storage_ptr storage,
                                                       boost::json::value& root, FieldErrors& errors);

}  // namespace nes::detail::json
