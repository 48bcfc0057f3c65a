#pragma once
// The demo personnel registry (examples/portal/registry.json), compiled in so
// that the in-process portal needs no files.

#include <string_view>

namespace nes::portal {

std::string_view demo_registry_json() noexcept;

}  // namespace nes::portal
