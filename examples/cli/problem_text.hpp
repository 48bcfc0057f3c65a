#pragma once
// A failed SDK operation for a person, in the interface's language (the
// SDK's messages: nes::describe), and as --json shows it.

#include "language.hpp"

#include <nes/error.hpp>
#include <nes/messages.hpp>
#include <nes/problem.hpp>

#include <boost/json/object.hpp>

#include <string>

namespace nes::cli {

inline std::string problem_text(const error_code& ec, const Problem* problem) {
  return describe(ec, problem, ui_language());
}

template <class T>
std::string problem_text(const error_code& ec, const Result<T>& result) {
  return problem_text(ec, result.problem());
}

/// {code, message_tr, message_en, tries_left, retry_after, recovery,
///  fields: [{field, label_tr, label_en, code, message_tr, message_en}]},
/// documented in docs/cli.md. `code` is the problem's, else the error's.
boost::json::object refusal_json(const error_code& ec, const Problem* problem);

}  // namespace nes::cli
