#pragma once
// The portal's time-stamping authority from its options: the certificate and
// key given, or a throw-away TSA CA and TSA certificate made at start; the
// subscribers given, or the demo's (examples/portal/tsa-subscribers.json).

#include "portal/pki/test_pki.hpp"
#include "portal/tsa/time_stamp_authority.hpp"

#include <memory>
#include <optional>
#include <string>

namespace nes::portal::tsa {

struct TsaSources {
  std::optional<std::string> certificate_pem{};  ///< nullopt: generate
  SecretString private_key_pem{};
  std::string subscribers_json{};
  std::string policy_oid{};
};

/// The authority, and in `generated_ca` the CA of a generated certificate
/// (empty for a given one), whose key the portal keeps to publish the TSA
/// certificate's status; null with `detail` on a problem.
std::unique_ptr<TimeStampAuthority> make_authority(TsaSources sources, pki::Credential& generated_ca,
                                                   std::string& detail);

}  // namespace nes::portal::tsa
