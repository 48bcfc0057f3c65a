#include "json/json_read.hpp"

#include "json/json_scan.hpp"

#include <algorithm>
#include <limits>

namespace nes::detail::json {

void Reader::members(
    const boost::json::object& object, std::string_view path,
    const std::function<bool(std::string_view, const boost::json::value&, const std::string&)>& on_member) {
  for (const auto& member : object) {
    const std::string_view key(member.key().data(), member.key().size());
    const std::string member_at = member_path(path, key);
    if (is_duplicate(member_at)) {
      // Once per path, however many times the key repeats.
      if (std::find(reported_duplicates_.begin(), reported_duplicates_.end(), member_at) ==
          reported_duplicates_.end()) {
        report(member_at, ValidationCode::duplicate_field);
        reported_duplicates_.push_back(member_at);
      }
      continue;
    }
    if (!on_member(key, member.value(), member_at)) report(member_at, ValidationCode::unknown_field);
  }
}

bool Reader::read(const boost::json::value& v, std::string_view path, std::string& out) {
  if (v.is_null()) return true;
  if (!v.is_string()) {
    report(path, ValidationCode::wrong_type, "string");
    return false;
  }
  out.assign(v.get_string().data(), v.get_string().size());
  return true;
}

bool Reader::read(const boost::json::value& v, std::string_view path, std::optional<bool>& out) {
  if (v.is_null()) return true;
  if (!v.is_bool()) {
    report(path, ValidationCode::wrong_type, "boolean");
    return false;
  }
  out = v.get_bool();
  return true;
}

bool Reader::read(const boost::json::value& v, std::string_view path, std::optional<int>& out) {
  if (v.is_null()) return true;
  if (v.is_uint64() || (v.is_int64() && (v.get_int64() < std::numeric_limits<int>::min() ||
                                         v.get_int64() > std::numeric_limits<int>::max()))) {
    report(path, ValidationCode::out_of_range, "int32");
    return false;
  }
  if (!v.is_int64()) {
    report(path, ValidationCode::wrong_type, "integer");
    return false;
  }
  out = static_cast<int>(v.get_int64());
  return true;
}

const boost::json::object* Reader::object(const boost::json::value& v, std::string_view path) {
  if (v.is_object()) return &v.get_object();
  report(path, ValidationCode::wrong_type, "object");
  return nullptr;
}

const boost::json::array* Reader::array(const boost::json::value& v, std::string_view path) {
  if (v.is_array()) return &v.get_array();
  report(path, ValidationCode::wrong_type, "array");
  return nullptr;
}

void Reader::report(std::string_view path, ValidationCode code, std::string_view detail) {
  errors_.push_back(make_field_error(std::string(path), code, detail));
}

bool read_object_document(std::string_view document, FieldErrors& errors, boost::json::storage_ptr storage,
                          const std::function<void(Reader&, const boost::json::object&)>& on_top) {
  boost::json::value root;
  auto duplicates = parse_document(document, std::move(storage), root, errors);
  if (!duplicates) return false;
  Reader r(errors, std::move(*duplicates));
  const boost::json::object* top = r.object(root, "");
  if (top == nullptr) return false;
  on_top(r, *top);
  r.report_remaining_duplicates();
  return true;
}

void Reader::report_remaining_duplicates() {
  for (const auto& path : duplicates_) {
    if (std::find(reported_duplicates_.begin(), reported_duplicates_.end(), path) != reported_duplicates_.end()) {
      continue;
    }
    report(path, ValidationCode::duplicate_field);
    reported_duplicates_.push_back(path);
  }
}

bool Reader::is_duplicate(std::string_view path) const {
  return std::find(duplicates_.begin(), duplicates_.end(), path) != duplicates_.end();
}

}  // namespace nes::detail::json
