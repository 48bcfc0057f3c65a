#include "fuzz_check.hpp"

#include <nes/phone.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string number = input.ConsumeRandomLengthString(64);
  const std::string extension = input.ConsumeRemainingBytesAsString();
  const auto parsed = nes::LandlinePhone::parse(number, extension);
  if (!parsed.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
    return 0;
  }
  FUZZ_CHECK(parsed->e164().size() == 13 && parsed->e164().starts_with("+90"));
  const auto again = nes::LandlinePhone::parse(parsed->e164(), parsed->extension());
  FUZZ_CHECK(again.ok() && *again == *parsed);
  return 0;
}
