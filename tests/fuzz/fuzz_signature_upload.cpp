// The e-signature upload as the reference portal reads it: any bytes as the
// CMS, checked against an approval document, and the CAdES attributes'
// decoders on their own. Nothing crashes; every refusal has a code and says
// why; an attribute that decodes encodes back to the same value.

#include "fuzz_check.hpp"

#include "cades/attributes.hpp"
#include "portal/approval/signature_check.hpp"
#include "portal/approval/signature_requirement.hpp"
#include "portal/pki/test_pki.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace approval = nes::portal::approval;

const approval::SignatureChecker& checker() {
  static const auto made = [] {
    const auto ca = nes::portal::pki::make_ca({.common_name = "FUZZ CA", .certificate_authority = true});
    const auto tsa_ca = nes::portal::pki::make_ca({.common_name = "FUZZ TSA CA", .certificate_authority = true});
    std::string detail;
    auto requirement = approval::signature_requirement("P2", "fuzz policy document", detail);
    return approval::SignatureChecker::make({ca.certificate_pem}, {tsa_ca.certificate_pem}, std::move(*requirement),
                                            detail);
  }();
  return *made;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const approval::SigningWindow window{.not_before_ms = 0, .now_ms = 4'102'444'800'000};  // 2100
  const auto result = checker().check(bytes, "NES başvuru onayı\n", "10000000146", window);
  FUZZ_CHECK(result.verdict == approval::Verdict::accepted || !result.detail.empty());
  FUZZ_CHECK(!approval::to_string(result.verdict).empty());

  if (const auto policy = nes::cades::decode_signature_policy(bytes)) {
    const auto again = nes::cades::encode_signature_policy(*policy);
    FUZZ_CHECK(again.has_value());
    const auto back = nes::cades::decode_signature_policy(*again);
    FUZZ_CHECK(back && back->oid == policy->oid && back->digest_algorithm == policy->digest_algorithm &&
               back->digest == policy->digest);
  }
  if (const auto commitment = nes::cades::decode_commitment_type(bytes)) {
    const auto again = nes::cades::encode_commitment_type(*commitment);
    FUZZ_CHECK(again && nes::cades::decode_commitment_type(*again) == commitment);
  }
  return 0;
}
