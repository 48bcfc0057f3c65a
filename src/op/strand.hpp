#pragma once
// A strand of the client's executor, as the any_io_executor every SDK
// operation and connection runs on. Over an io_context's own executor (what
// callers pass nearly always) the strand is of the concrete type: it fits in
// any_io_executor's inline storage, so copying it and asking it for tracked
// work, which every Asio and Beast operation does, allocates nothing. A
// strand of an any_io_executor does not fit, and allocated some 300 times a
// login-to-verified-code flow (scripts/bench-client).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

namespace nes::op {

inline boost::asio::any_io_executor make_strand(const boost::asio::any_io_executor& executor) {
  if (const auto* io = executor.target<boost::asio::io_context::executor_type>()) {
    return boost::asio::make_strand(*io);
  }
  return boost::asio::make_strand(executor);
}

}  // namespace nes::op
