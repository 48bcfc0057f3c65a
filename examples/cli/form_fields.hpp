#pragma once
// The form's text fields by their paths: what the wizard asks for and shows,
// and what nes journal edit may change. The T.C. Kimlik No and the
// institution are an entry's identity, and the closed choices are typed
// values: neither is among them.

#include <nes/application_form.hpp>

#include <string>
#include <string_view>

namespace nes::cli {

/// The member of `form` at `path`, or null when `path` is not a text field.
std::string* text_field(ApplicationForm& form, std::string_view path);

/// The same, read-only.
const std::string* text_field(const ApplicationForm& form, std::string_view path);

}  // namespace nes::cli
