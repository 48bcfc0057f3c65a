#pragma once
// A form already parsed as a JSON object (inside a portal's answer), read
// with decode_form_json's rules: no serialising and parsing it once more.

#include <nes/form_json.hpp>

#include <boost/json/object.hpp>

namespace nes::detail {

/// decode_form_json for an object parsed already. The parser that made it
/// kept one of any duplicate members, so those are not reported here.
DecodedForm decode_form_object(const boost::json::object& top);

}  // namespace nes::detail
