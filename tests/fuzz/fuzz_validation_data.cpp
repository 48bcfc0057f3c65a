// The portal's reading of a P3/P4 signature's validation data: the four
// attributes' values, one DER element after another in the input
// (complete-certificate-references, complete-revocation-references,
// certificate-values, revocation-values). Whatever the bytes, no crash, and
// a reading that succeeds has every reference matched and every value named.

#include "cades/der.hpp"
#include "fuzz_check.hpp"
#include "portal/approval/validation_data_check.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace approval = nes::portal::approval;
namespace der = nes::cades::der;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::array<std::string_view, 4> parts{};
  for (auto& part : parts) {
    const auto element = der::read(input);
    if (!element) return 0;
    part = element->whole;
  }
  approval::ValidationValues values;
  std::string why;
  const bool read = approval::read_validation_data(parts[0], parts[1], parts[2], parts[3], values, why);
  FUZZ_CHECK(read == why.empty());
  if (read) {
    FUZZ_CHECK(values.certificates.size() == values.certificates_der.size());
    FUZZ_CHECK(values.crls.size() + values.answers.size() == values.revocations_der.size());
  }
  return 0;
}
