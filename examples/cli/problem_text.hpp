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

/// The same, naming `endpoint` when no answer came from it (a refusal is
/// the endpoint's own word and needs no address).
inline std::string problem_text_at(const error_code& ec, const Problem* problem, const std::string& endpoint) {
  std::string text = problem_text(ec, problem);
  if (problem == nullptr && !endpoint.empty()) text += std::string(say(" (adres: ", " (address: ")) + endpoint + ")";
  return text;
}

/// {code, message_tr, message_en, tries_left, retry_after, recovery,
///  fields: [{field, label_tr, label_en, code, message_tr, message_en}]},
/// documented in docs/cli.md. `code` is the problem's, else the error's;
/// `endpoint`, when given, is named when no answer came from it.
boost::json::object refusal_json(const error_code& ec, const Problem* problem, const std::string& endpoint = {});

}  // namespace nes::cli
