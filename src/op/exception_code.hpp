#pragma once
// An exception escaping one of the SDK's coroutines, as the error_code its
// operation completes with: nothing is thrown at the caller. Inline, so that
// every component that launches operations has it without a shared symbol.

#include <nes/error.hpp>

#include <boost/system/system_error.hpp>

#include <exception>

namespace nes::op {

/// A system_error's own code (operation_aborted after cancellation), else
/// errc::protocol_error.
inline error_code code_of(const std::exception_ptr& error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code();
  } catch (...) {
    return errc::protocol_error;
  }
}

}  // namespace nes::op
