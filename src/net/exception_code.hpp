#pragma once
// An exception escaping one of the SDK's coroutines, as the error_code its
// operation completes with: nothing is thrown at the caller.

#include <nes/error.hpp>

#include <exception>

namespace nes::net {

/// A system_error's own code (operation_aborted after cancellation), else
/// errc::protocol_error.
error_code code_of(const std::exception_ptr& error) noexcept;

}  // namespace nes::net
