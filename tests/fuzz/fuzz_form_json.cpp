#include "fuzz_check.hpp"

#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  const nes::DecodedForm decoded = nes::decode_form_json(document);
  if (!decoded.form) {
    FUZZ_CHECK(nes::fuzz::well_formed(decoded.errors));
    return 0;
  }
  // Whatever decodes, encodes and decodes back to the same form.
  const nes::SecretString encoded = nes::encode_form_json(*decoded.form);
  const nes::DecodedForm round_trip = nes::decode_form_json(encoded.reveal());
  FUZZ_CHECK(round_trip.form && round_trip.errors.empty() && *round_trip.form == *decoded.form);

  const nes::FormValidation checked = nes::check_form_json(document);
  FUZZ_CHECK(checked.valid() == checked.normalized.has_value());
  if (checked.valid()) {
    FUZZ_CHECK(decoded.errors.empty());
    const nes::FormValidation again = nes::validate_form(*checked.normalized);
    FUZZ_CHECK(again.valid() && *again.normalized == *checked.normalized);
  } else {
    FUZZ_CHECK(nes::fuzz::well_formed(checked.errors));
  }
  return 0;
}
