#include "fuzz_check.hpp"

#include <nes/field_paths.hpp>
#include <nes/institution.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  const auto catalogue = nes::decode_institution_catalogue(document);
  if (!catalogue.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(catalogue.errors()));
    return 0;
  }
  for (std::size_t i = 0; i < catalogue->size(); ++i) {
    const auto& inst = (*catalogue)[i];
    FUZZ_CHECK(!inst.id.empty() && !inst.name.empty());
    for (std::size_t j = i + 1; j < catalogue->size(); ++j) FUZZ_CHECK((*catalogue)[j].id != inst.id);
    for (const auto& field : inst.rules.required_fields) {
      const auto& allowed = nes::fields::institution_may_require;
      FUZZ_CHECK(std::find(allowed.begin(), allowed.end(), field) != allowed.end());
    }
  }
  return 0;
}
