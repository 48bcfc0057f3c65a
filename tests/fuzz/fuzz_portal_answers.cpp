// The SDK's decoders of the portal's answers, fed whatever a hostile or
// broken portal could send: the first byte picks the decoder, the rest is the
// body. None crashes; what one accepts keeps the protocol's promises.

#include "fuzz_check.hpp"

#include "client/wire.hpp"

#include <nes/signature_profile.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using nes::OtpStatus;

void decode(std::uint8_t which, std::string_view body) {
  const auto now = OtpStatus::SteadyClock::now();
  switch (which % 10) {
    case 0:
      if (const auto info = nes::client::decode_info(body)) {
        const auto& profile = info->signature_profile;
        // Signed to only with a Turkish profile's own OID and a whole SHA-256.
        FUZZ_CHECK(!profile.has_policy() ||
                   (nes::turkish_policy_oid(profile.name) == profile.policy_oid && profile.policy_sha256.size() == 32));
        FUZZ_CHECK(profile.has_policy() || profile.name == "BES");
      }
      break;
    case 1:
      if (const auto fees = nes::client::decode_fees(body)) {
        for (const auto& entry : fees->entries) FUZZ_CHECK(entry.fee.consistent());
      }
      break;
    case 2:
      if (const auto debt = nes::client::decode_debt(body)) {
        for (const auto& d : debt->debts) FUZZ_CHECK(d.amount.consistent());
      }
      break;
    case 3:
      (void)nes::client::decode_phones(body);
      break;
    case 4:
      (void)nes::client::decode_application(body, now);
      break;
    case 5:
      (void)nes::client::decode_applications(body, now);
      break;
    case 6:
      (void)nes::client::decode_otp(body, now);
      break;
    case 7:
      (void)nes::client::decode_opened_session(body);
      break;
    case 8:
      (void)nes::client::decode_login_request(body);
      break;
    default: {
      nes::HttpResponse response;
      response.status = 422;
      response.headers.push_back({"Content-Type", "application/problem+json"});
      response.body.assign(body);
      const auto problem = nes::client::decode_problem(response);
      FUZZ_CHECK(!problem.code.empty() && problem.http_status == 422);
      FUZZ_CHECK(!problem.tries_left || *problem.tries_left >= 0);
      FUZZ_CHECK(!problem.retry_after || problem.retry_after->count() >= 0);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  decode(data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  return 0;
}
