#pragma once
// Reading the portal's JSON answers strictly: a missing required member or
// one of the wrong type throws NotTheProtocol, which decoded() turns into
// nullopt. Answers may carry personal data, so they are parsed into an arena
// that is wiped when it goes.

#include "json/wiping_arena.hpp"

#include <nes/field_error.hpp>
#include <nes/money.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nes::client::reading {

namespace json = boost::json;

/// A member of the wrong type or a missing required one ends decoding.
struct NotTheProtocol {};

/// `body` parsed into `arena` (which must outlive the value); nullopt when
/// it is not JSON.
std::optional<json::value> parse(std::string_view body, detail::WipingArena& arena);

const json::object& object(const json::value& v);
const json::value& member(const json::object& o, std::string_view name);
std::string text(const json::object& o, std::string_view name);
/// An absent or null member is empty.
std::string optional_text(const json::object& o, std::string_view name);
std::int64_t integer(const json::value& v);
int small_integer(const json::value& v);
bool boolean(const json::object& o, std::string_view name);
const json::array& array(const json::object& o, std::string_view name);
/// RFC 3339 UTC, as the portal writes it.
std::chrono::system_clock::time_point time(const json::object& o, std::string_view name);
/// {"net", "kdv", "total"} in kuruş, adding up.
Fee fee(const json::value& v);
/// The code of that name, or nullopt for one this SDK does not know.
std::optional<ValidationCode> validation_code(std::string_view name);
/// FieldError objects; `unknown` gets "field: code" for each code this SDK
/// cannot name (said, not dropped and not renamed).
FieldErrors field_errors(const json::array& list, std::string& unknown);

/// `decode(value)` of the parsed body; nullopt when the body is not JSON or
/// decode throws NotTheProtocol.
template <class Decode>
auto decoded(std::string_view body, Decode decode) -> std::optional<decltype(decode(std::declval<json::value&>()))> {
  detail::WipingArena arena;
  auto value = parse(body, arena);
  if (!value) return std::nullopt;
  try {
    return decode(*value);
  } catch (const NotTheProtocol&) {
    return std::nullopt;
  }
}

}  // namespace nes::client::reading
