#pragma once
// Revoked certificates in SQLite, for the CRLs and OCSP answers the portal
// gives. A revocation is final and never backdated (Law 5070, article 11):
// the time is the moment it was recorded, and a second one changes nothing.

#include "portal/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::store {

struct Revocation {
  std::string serial;  ///< uppercase hexadecimal, no leading zeros
  std::int64_t revoked_at_ms = 0;
  int reason = 0;  ///< RFC 5280 CRLReason
};

class RevocationStore {
 public:
  explicit RevocationStore(Database& database) : database_(database) {}

  /// Records the revocation of `serial` under `authority` at `now_ms`; the
  /// first one when it was revoked before (then `fresh` is false).
  Revocation revoke(std::string_view authority, std::string_view serial, int reason, std::int64_t now_ms, bool& fresh);
  [[nodiscard]] std::optional<Revocation> find(std::string_view authority, std::string_view serial) const;
  /// Every revocation under `authority`, oldest first.
  [[nodiscard]] std::vector<Revocation> list(std::string_view authority) const;

 private:
  Database& database_;
};

}  // namespace nes::portal::store
