#pragma once
// Runs one SDK operation to its end on a private io_context, for the
// commands that have nothing else to do meanwhile.

#include "problem_text.hpp"

#include <nes/error.hpp>
#include <nes/problem.hpp>

#include <boost/asio/io_context.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace nes::cli {

/// `start(io, handler)` begins the operation; its (error_code, Result<T>).
template <class T, class Start>
std::pair<error_code, Result<T>> run_operation(Start start) {
  boost::asio::io_context io;
  std::pair<error_code, Result<T>> out;
  start(io, [&out](error_code ec, Result<T> result) { out = {ec, std::move(result)}; });
  io.run();
  return out;
}

/// "nes token: <message>: <detail>" for a failed operation.
inline void print_failure(const std::string& command, const error_code& ec, const Problem* problem) {
  std::cerr << "nes " << command << ": " << problem_text(ec, problem) << "\n";
}

}  // namespace nes::cli
