#include "fuzz_check.hpp"

#include <nes/phone.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = nes::MobilePhone::parse(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
    return 0;
  }
  FUZZ_CHECK(parsed->e164().size() == 13 && parsed->e164().starts_with("+905"));
  const auto again = nes::MobilePhone::parse(parsed->e164());
  FUZZ_CHECK(again.ok() && *again == *parsed);
  FUZZ_CHECK(nes::MobilePhone::parse(parsed->display()).ok());
  return 0;
}
