#include "fuzz_check.hpp"

#include <nes/person_name.hpp>
#include <nes/text.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string first = input.ConsumeRandomLengthString(512);
  const std::string last = input.ConsumeRemainingBytesAsString();
  const auto parsed = nes::PersonName::parse(first, last);
  if (!parsed.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
    return 0;
  }
  FUZZ_CHECK(nes::text::is_valid_utf8(parsed->full()));
  FUZZ_CHECK(!parsed->first().empty() && !parsed->last().empty());
  FUZZ_CHECK(parsed->first().front() != ' ' && parsed->first().back() != ' ');
  FUZZ_CHECK(parsed->first().find("  ") == std::string::npos);
  const auto again = nes::PersonName::parse(parsed->first(), parsed->last());
  FUZZ_CHECK(again.ok() && *again == *parsed);  // normalisation is idempotent
  FUZZ_CHECK(!parsed->full_upper_tr().empty());
  return 0;
}
