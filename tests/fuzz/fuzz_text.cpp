#include "fuzz_check.hpp"

#include <nes/province.hpp>
#include <nes/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = nes::text::is_valid_utf8(text);
  const auto upper = nes::text::to_upper_tr(text);
  const auto lower = nes::text::to_lower_tr(text);
  const auto nfc = nes::text::to_nfc(text);
  FUZZ_CHECK(upper.has_value() == valid && lower.has_value() == valid && nfc.has_value() == valid);
  if (valid) {
    FUZZ_CHECK(nes::text::is_valid_utf8(*upper) && nes::text::is_valid_utf8(*lower));
    FUZZ_CHECK(nes::text::to_nfc(*nfc) == *nfc);
  }
  (void)nes::find_province(text);
  return 0;
}
