#pragma once
// A time stamp (RFC 3161) as the SDK returns it: the token and what it says.

#include <nes/export.hpp>

#include <chrono>
#include <string>

namespace nes {

/// A checked time-stamp token.
struct NES_EXPORT TimeStamp {
  /// The TimeStampToken (ContentInfo of SignedData), DER.
  std::string token_der;
  /// The time it attests (genTime).
  std::chrono::system_clock::time_point time{};
  /// Its serial number, hexadecimal.
  std::string serial;
  /// The TSA policy it was made under.
  std::string policy_oid;
  /// The TSA certificate's subject (RFC 2253).
  std::string authority;
};

}  // namespace nes
