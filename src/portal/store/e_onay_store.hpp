#pragma once
// E-Onay: a person's standing consent, e-signed once, that their later
// applications are approved by the SMS code alone (no signature, no paper);
// withdrawn at will. One row per person: the signature as given, and when.

#include "portal/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::store {

struct EOnayRecord {
  std::string tckn{};
  std::string signature{};  ///< the CMS (DER) over the consent text
  std::int64_t given_at_ms = 0;
  std::optional<std::int64_t> withdrawn_at_ms{};

  [[nodiscard]] bool stands() const noexcept { return !withdrawn_at_ms; }
};

class EOnayStore {
 public:
  explicit EOnayStore(Database& database) : database_(database) {}

  [[nodiscard]] std::optional<EOnayRecord> find(std::string_view tckn) const;
  /// Records the consent `signature` of `tckn` at `now_ms`, in place of one withdrawn or given before.
  EOnayRecord give(std::string_view tckn, const std::string& signature, std::int64_t now_ms);
  /// Withdraws a standing consent; false when none stands.
  bool withdraw(std::string_view tckn, std::int64_t now_ms);

 private:
  Database& database_;
};

}  // namespace nes::portal::store
