#pragma once
// Revoked and suspended certificates in SQLite, for the CRLs and OCSP answers
// the portal gives. A revocation is final and never backdated (Law 5070,
// article 11): the time is the moment it was recorded, and a second one
// changes nothing. A suspension (certificateHold) can be lifted.

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

/// RFC 5280's CRLReason certificateHold: a suspension, which can be lifted.
inline constexpr int certificate_hold = 6;

class RevocationStore {
 public:
  explicit RevocationStore(Database& database) : database_(database) {}

  /// Records the revocation of `serial` under `authority` at `now_ms`, which
  /// ends a suspension; the first one when it was revoked before (then
  /// `fresh` is false).
  Revocation revoke(std::string_view authority, std::string_view serial, int reason, std::int64_t now_ms, bool& fresh);

  enum class HoldOutcome { held, already_held, revoked };
  /// Suspends `serial` at `now_ms`. `on_record` is the suspension or the
  /// revocation that stands: a revoked certificate is not suspended.
  HoldOutcome hold(std::string_view authority, std::string_view serial, std::int64_t now_ms, Revocation& on_record);
  /// Lifts the suspension of `serial`; false when it is not suspended.
  bool release(std::string_view authority, std::string_view serial);

  /// The revocation of `serial`, else its suspension (reason certificate_hold).
  [[nodiscard]] std::optional<Revocation> find(std::string_view authority, std::string_view serial) const;
  /// Every revocation under `authority`, oldest first, then every suspension.
  [[nodiscard]] std::vector<Revocation> list(std::string_view authority) const;

 private:
  Database& database_;
};

}  // namespace nes::portal::store
