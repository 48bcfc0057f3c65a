#pragma once
// The SDK's error codes. Every asynchronous operation completes with an
// error_code first; a problem reported by the portal is data (see later
// headers), not one of these codes. See docs/adr/0001-error-model.md.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace nes {

using error_code = boost::system::error_code;

/// Error conditions raised by the SDK itself. Values are stable: they are
/// never renumbered, only appended.
enum class errc {
  /// A form or value failed validation; the structured problems travel with
  /// the result that carries this code.
  validation_failed = 1,
  /// Input could not be read as the documented format (malformed JSON,
  /// invalid UTF-8 outside a field, a wrong top-level type).
  malformed_input = 2,
  /// A caller passed an argument that the API does not accept.
  invalid_argument = 3,
  /// A resource is held by another process (a portal's data directory).
  resource_in_use = 4,
};

/// The category of nes::errc; its name is "nes".
const boost::system::error_category& nes_category() noexcept;

inline error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), nes_category()}; }

}  // namespace nes

template <>
struct boost::system::is_error_code_enum<nes::errc> : std::true_type {};
