#pragma once
// A failed SDK operation in one line for a person: the error, then the
// portal's problem (its code, detail and field problems) when there is one.

#include <nes/error.hpp>
#include <nes/problem.hpp>

#include <string>

namespace nes::cli {

inline std::string problem_text(const error_code& ec, const Problem* problem) {
  std::string text = ec.message();
  if (problem == nullptr) return text;
  text += " [" + problem->code + "]";
  if (!problem->detail.empty()) text += ": " + problem->detail;
  for (const auto& e : problem->errors) text += "\n    " + e.field + " [" + std::string(to_string(e.code)) + "]";
  return text;
}

template <class T>
std::string problem_text(const error_code& ec, const Result<T>& result) {
  return problem_text(ec, result.problem());
}

}  // namespace nes::cli
