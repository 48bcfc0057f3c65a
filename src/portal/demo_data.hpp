#pragma once
// The demo data, compiled in so that the in-process portal needs no files:
// the personnel registry (examples/portal/registry.json), the institution
// catalogue (examples/forms/catalogue.json), the stand-in signature policy
// document (examples/portal/signature-policy-standin.txt) and the time-stamp
// subscribers (examples/portal/tsa-subscribers.json).

#include <string_view>

namespace nes::portal {

std::string_view demo_registry_json() noexcept;
std::string_view demo_catalogue_json() noexcept;
std::string_view demo_signature_policy() noexcept;
std::string_view demo_tsa_subscribers_json() noexcept;

}  // namespace nes::portal
