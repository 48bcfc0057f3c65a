#include "net/exception_code.hpp"

#include <boost/system/system_error.hpp>

namespace nes::net {

error_code code_of(const std::exception_ptr& error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code();
  } catch (...) {
    return errc::protocol_error;
  }
}

}  // namespace nes::net
