#include "fuzz_check.hpp"

#include <nes/tckn.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = nes::Tckn::parse(text);
  FUZZ_CHECK(parsed.ok() == nes::Tckn::is_valid(text));
  if (parsed.ok()) {
    FUZZ_CHECK(parsed->digits() == text);
    FUZZ_CHECK(parsed->masked().size() == 11);
  } else {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
  }
  return 0;
}
