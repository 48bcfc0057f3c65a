#include "portal/tsa/tsa_setup.hpp"

#include "portal/pki/test_pki.hpp"
#include "portal/tsa/subscribers.hpp"

namespace nes::portal::tsa {

std::unique_ptr<TimeStampAuthority> make_authority(TsaSources sources, pki::Credential& generated_ca,
                                                   std::string& detail) {
  auto subscribers = decode_subscribers(sources.subscribers_json);
  if (!subscribers) {
    detail = "the time-stamp subscribers are not valid:";
    for (const auto& e : subscribers.errors()) detail += "\n  " + e.field + " [" + std::string(to_string(e.code)) + "]";
    return nullptr;
  }
  if (!sources.certificate_pem) {
    auto ca = pki::make_ca({.common_name = "NES SDK TEST TSA CA", .certificate_authority = true});
    auto tsa = pki::issue(ca, {.common_name = "NES SDK TEST ZAMAN DAMGASI", .time_stamping = true});
    sources.certificate_pem = tsa.certificate_pem + ca.certificate_pem;
    sources.private_key_pem = std::move(tsa.private_key_pem);
    generated_ca = std::move(ca);
  }
  return TimeStampAuthority::make(*sources.certificate_pem, sources.private_key_pem, std::move(sources.policy_oid),
                                  std::move(subscribers).value(), detail);
}

}  // namespace nes::portal::tsa
