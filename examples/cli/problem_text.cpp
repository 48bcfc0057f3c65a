#include "problem_text.hpp"

#include <boost/json/array.hpp>

namespace nes::cli {

namespace {

std::string_view recovery_name(Recovery r) {
  switch (r) {
    case Recovery::correct:
      return "correct";
    case Recovery::wait:
      return "wait";
    case Recovery::transient:
      return "transient";
    case Recovery::permanent:
      return "permanent";
  }
  return "permanent";
}

std::string error_code_name(const error_code& ec) {
  if (ec.category() == nes_category()) return std::string(to_string(static_cast<errc>(ec.value())));
  return std::string(ec.category().name()) + ":" + std::to_string(ec.value());
}

}  // namespace

boost::json::object refusal_json(const error_code& ec, const Problem* problem, const std::string& endpoint) {
  boost::json::object o{{"code", problem != nullptr ? problem->code : error_code_name(ec)},
                        {"message_tr", describe(ec, problem, Language::tr)},
                        {"message_en", describe(ec, problem, Language::en)},
                        {"recovery", recovery_name(recovery_of(ec, problem))},
                        {"tries_left", nullptr},
                        {"retry_after", nullptr}};
  boost::json::array fields;
  if (problem != nullptr) {
    if (problem->tries_left) o["tries_left"] = *problem->tries_left;
    if (problem->retry_after) o["retry_after"] = problem->retry_after->count();
    if (problem->http_status != 0) o["http_status"] = problem->http_status;
    if (!problem->request_id.empty()) o["request_id"] = problem->request_id;
    for (const auto& e : problem->errors) {
      const auto label = field_label(e.field);
      fields.push_back(boost::json::object{{"field", e.field},
                                           {"label_tr", label ? label->tr : std::string_view()},
                                           {"label_en", label ? label->en : std::string_view()},
                                           {"code", to_string(e.code)},
                                           {"message_tr", e.message_tr},
                                           {"message_en", e.message_en}});
    }
  }
  if (problem == nullptr && !endpoint.empty()) o["endpoint"] = endpoint;
  o["fields"] = std::move(fields);
  return o;
}

}  // namespace nes::cli
