#include "fuzz_check.hpp"

#include <nes/postal_address.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const auto type = input.PickValueInArray({nes::AddressType::home, nes::AddressType::work, nes::AddressType::other});
  const std::string line = input.ConsumeRandomLengthString(1024);
  const std::string district = input.ConsumeRandomLengthString(128);
  const std::string province = input.ConsumeRandomLengthString(64);
  const std::string postal_code = input.ConsumeRemainingBytesAsString();
  const auto parsed = nes::PostalAddress::parse(type, line, district, province, postal_code);
  if (!parsed.ok()) {
    FUZZ_CHECK(nes::fuzz::well_formed(parsed.errors()));
    return 0;
  }
  const std::string code(parsed->postal_code() ? parsed->postal_code()->digits() : std::string_view{});
  if (parsed->postal_code()) FUZZ_CHECK(parsed->postal_code()->province() == parsed->province());
  const auto again = nes::PostalAddress::parse(type, parsed->line(), parsed->district(), parsed->province().name, code);
  FUZZ_CHECK(again.ok() && *again == *parsed);
  return 0;
}
