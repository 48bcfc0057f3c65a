#include "fuzz_check.hpp"

#include <nes/email.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = nes::Email::parse(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
    return 0;
  }
  FUZZ_CHECK(parsed->address().size() == text.size());
  const auto again = nes::Email::parse(parsed->address());
  FUZZ_CHECK(again.ok() && *again == *parsed);
  return 0;
}
