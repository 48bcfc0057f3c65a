#pragma once
// The demo data, compiled in so that the in-process portal needs no files:
// the personnel registry (examples/portal/registry.json) and the institution
// catalogue (examples/forms/catalogue.json).

#include <string_view>

namespace nes::portal {

std::string_view demo_registry_json() noexcept;
std::string_view demo_catalogue_json() noexcept;

}  // namespace nes::portal
