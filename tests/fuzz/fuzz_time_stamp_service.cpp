// The portal's time-stamping authority fed hostile requests: the first line
// is the `identity` header, the rest the RFC 3161 query. Nothing crashes; the
// answer is a reply or a refusal's text; nobody unknown gets a token.

#include "fuzz_check.hpp"

#include "portal/tsa/identity.hpp"
#include "portal/tsa/tsa_setup.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace tsa = nes::portal::tsa;

tsa::TimeStampAuthority& authority() {
  static const auto made = [] {
    nes::portal::pki::Credential ca;
    std::string detail;
    return tsa::make_authority(
        {.subscribers_json = R"({"subscribers": [{"customer_id": 7, "password": "p", "credit": 1000000}]})",
         .policy_oid = "0.4.0.2023.1.1"},
        ca, detail);
  }();
  return *made;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto newline = text.find('\n');
  const std::string_view header = text.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
  const auto identity = tsa::parse_identity(header);
  if (identity) FUZZ_CHECK(identity->salt.size() == 16 && identity->iv.size() == 16);
  const auto answer = authority().answer(body, header, {}, {});
  FUZZ_CHECK(answer.content_type == "application/timestamp-reply" ||
             answer.content_type == "text/plain; charset=utf-8");
  // A token only for the one subscriber, proved by the password.
  if (answer.content_type == "application/timestamp-reply") FUZZ_CHECK(identity && identity->user_id == 7);
  return 0;
}
