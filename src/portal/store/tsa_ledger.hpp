#pragma once
// The time stamps each TSA subscriber has used, in SQLite: a restart of the
// portal gives nobody their credit back.

#include "portal/store/database.hpp"
#include "portal/tsa/credit_ledger.hpp"

namespace nes::portal::store {

class TsaLedger final : public tsa::CreditLedger {
 public:
  explicit TsaLedger(Database& database) : database_(database) {}
  bool take(std::uint64_t customer_id, std::int64_t allowance) override;
  void give_back(std::uint64_t customer_id) override;
  [[nodiscard]] std::int64_t used(std::uint64_t customer_id) const override;

 private:
  Database& database_;
};

}  // namespace nes::portal::store
