#include "client/wire_reading.hpp"

#include "client/wire.hpp"

#include <boost/json/parse.hpp>

#include <limits>

namespace nes::client::reading {

std::optional<json::value> parse(std::string_view body, detail::WipingArena& arena) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec, &arena);
  if (ec) return std::nullopt;
  return value;
}

const json::object& object(const json::value& v) {
  if (!v.is_object()) throw NotTheProtocol{};
  return v.get_object();
}

const json::value& member(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr) throw NotTheProtocol{};
  return *v;
}

std::string text(const json::object& o, std::string_view name) {
  const auto& v = member(o, name);
  if (!v.is_string()) throw NotTheProtocol{};
  return std::string(v.get_string());
}

std::string optional_text(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_string()) throw NotTheProtocol{};
  return std::string(v->get_string());
}

std::int64_t integer(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  throw NotTheProtocol{};
}

int small_integer(const json::value& v) {
  const auto n = integer(v);
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) throw NotTheProtocol{};
  return static_cast<int>(n);
}

bool boolean(const json::object& o, std::string_view name) {
  const auto& v = member(o, name);
  if (!v.is_bool()) throw NotTheProtocol{};
  return v.get_bool();
}

const json::array& array(const json::object& o, std::string_view name) {
  const auto& v = member(o, name);
  if (!v.is_array()) throw NotTheProtocol{};
  return v.get_array();
}

std::chrono::system_clock::time_point time(const json::object& o, std::string_view name) {
  auto t = parse_utc(text(o, name));
  if (!t) throw NotTheProtocol{};
  return *t;
}

Fee fee(const json::value& v) {
  const auto& o = object(v);
  Fee f{Money::from_kurus(integer(member(o, "net"))), Money::from_kurus(integer(member(o, "kdv"))),
        Money::from_kurus(integer(member(o, "total")))};
  // A fee whose parts do not add up is not shown to a person as a price.
  if (!f.consistent()) throw NotTheProtocol{};
  return f;
}

std::optional<ValidationCode> validation_code(std::string_view name) {
  // Every code has a name, and the first value past the last one is "unknown":
  // a code added to the enum is read without a change here.
  for (int i = 0;; ++i) {
    const auto code = static_cast<ValidationCode>(i);
    const std::string_view known = to_string(code);
    if (known == "unknown") return std::nullopt;
    if (known == name) return code;
  }
}

FieldErrors field_errors(const json::array& list, std::string& unknown) {
  FieldErrors out;
  for (const auto& e : list) {
    const auto* item = e.if_object();
    if (item == nullptr) continue;
    auto field_member = [&](std::string_view name) {
      const auto* v = item->if_contains(name);
      return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    const auto name = field_member("code");
    if (const auto vc = validation_code(name)) {
      out.push_back({field_member("field"), *vc, field_member("message_tr"), field_member("message_en")});
    } else {
      unknown += (unknown.empty() ? "" : ", ") + field_member("field") + ": " + name;
    }
  }
  return out;
}

}  // namespace nes::client::reading
