#pragma once
// An RFC 3161 TimeStampReq: a SHA-256 imprint, a fresh 64-bit nonce, the
// TSA's certificate asked for, and the policy when one is asked for.

#include <optional>
#include <string>
#include <string_view>

namespace nes::timestamp {

struct Query {
  std::string der;     ///< the TimeStampReq
  std::string digest;  ///< the imprint's SHA-256 digest
  std::string nonce;   ///< the nonce, big-endian bytes
  std::string policy_oid;
};

/// The query for `sha256_digest` (32 bytes) under `policy_oid` (empty: none);
/// nullopt with `why` when the digest is not 32 bytes or the policy not an OID.
std::optional<Query> make_query(std::string_view sha256_digest, std::string_view policy_oid, std::string& why);

}  // namespace nes::timestamp
