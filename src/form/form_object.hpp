#pragma once
// The form's JSON reader, shared by nes::core (decode_form_json) and
// nes::client (the form in a portal's answer).

#include "json/json_read.hpp"

#include <nes/form_json.hpp>

#include <boost/json/object.hpp>

namespace nes::detail {

/// The form in `top`, its problems reported through `reader`.
ApplicationForm read_form(json::Reader& reader, const boost::json::object& top);
/// The form in a parsed object, with every problem.
DecodedForm decode_form_object(const boost::json::object& top);

}  // namespace nes::detail
