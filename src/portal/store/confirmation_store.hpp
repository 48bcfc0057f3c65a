#pragma once
// Changes a person asks for and confirms with an SMS code (suspending,
// lifting a suspension, revoking a certificate): what was asked, the code as
// a salted hash with its deadline and tries, and when it was confirmed.

#include "portal/store/application_store.hpp"
#include "portal/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::store {

struct ConfirmationRecord {
  std::string id{};       ///< "cnf_" and 8 of [0-9A-Z]
  std::string tckn{};     ///< whose
  std::string purpose{};  ///< "suspend", "unsuspend", "revoke"
  std::string subject{};  ///< the certificate's serial
  std::string detail{};   ///< the revocation's reason name; empty otherwise
  std::string phone{};    ///< E.164, where the code went
  OtpRecord otp{};
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> confirmed_at_ms{};
};

class ConfirmationStore {
 public:
  explicit ConfirmationStore(Database& database) : database_(database) {}

  /// Stores `record` with a fresh id, which it returns.
  std::string create(ConfirmationRecord record);
  [[nodiscard]] std::optional<ConfirmationRecord> find(std::string_view id) const;
  /// Reads the record, lets `change` modify it and writes it back when
  /// `change` returns true, in one transaction; nullopt when there is none.
  std::optional<ConfirmationRecord> modify(std::string_view id, const std::function<bool(ConfirmationRecord&)>& change);

 private:
  Database& database_;
};

}  // namespace nes::portal::store
