#pragma once
// Reading a Boost.JSON DOM into SDK types with structured errors: each
// problem names the member's path; duplicates found by scan() are reported
// once and never read.

#include <nes/field_error.hpp>

#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::detail::json {

class Reader {
 public:
  Reader(FieldErrors& errors, std::vector<std::string> duplicates)
      : errors_(errors), duplicates_(std::move(duplicates)) {}

  /// Calls on_member(key, value, path) for each member; on_member returns
  /// false for a key it does not know, which is reported as unknown_field.
  void members(const boost::json::object& object, std::string_view path,
               const std::function<bool(std::string_view, const boost::json::value&, const std::string&)>& on_member);

  /// Each returns false (and reports wrong_type) when the value has another
  /// type. JSON null counts as "not given" and leaves `out` untouched.
  bool read(const boost::json::value& v, std::string_view path, std::string& out);
  bool read(const boost::json::value& v, std::string_view path, std::optional<bool>& out);
  bool read(const boost::json::value& v, std::string_view path, std::optional<int>& out);
  const boost::json::object* object(const boost::json::value& v, std::string_view path);
  const boost::json::array* array(const boost::json::value& v, std::string_view path);

  /// A string that must be one of `choices`; parse maps it.
  template <class E, class Parse>
  void read_choice(const boost::json::value& v, std::string_view path, std::optional<E>& out, Parse parse,
                   std::string_view choices) {
    std::string text;
    if (!read(v, path, text) || v.is_null()) return;
    if (auto value = parse(text)) {
      out = *value;
    } else {
      report(path, ValidationCode::unknown_value, choices);
    }
  }

  void report(std::string_view path, ValidationCode code, std::string_view detail = {});

  /// Reports as duplicate_field every duplicate key that members() has not
  /// met: those inside a value that was taken whole (a request's `form`),
  /// so that no depth keeps a repeated key's last value unsaid.
  void report_remaining_duplicates();

 private:
  bool is_duplicate(std::string_view path) const;

  FieldErrors& errors_;
  std::vector<std::string> duplicates_;
  std::vector<std::string> reported_duplicates_;
};

/// Parses `document` (allocating from `storage`), checks that it is a JSON
/// object and calls on_top with a Reader over it. False, with the problems in
/// `errors`, when the document is not usable: malformed, or not an object.
bool read_object_document(std::string_view document, FieldErrors& errors, boost::json::storage_ptr storage,
                          const std::function<void(Reader&, const boost::json::object&)>& on_top);

}  // namespace nes::detail::json
