#pragma once
// Where the time stamps each subscriber has used are counted: in the
// portal's database, so that a restart gives nobody their credit back
// (store::TsaLedger); in memory for a TSA that has none (the fuzz target).

#include <cstdint>
#include <memory>

namespace nes::portal::tsa {

class CreditLedger {
 public:
  CreditLedger() = default;
  virtual ~CreditLedger() = default;
  CreditLedger(const CreditLedger&) = delete;
  CreditLedger& operator=(const CreditLedger&) = delete;

  /// One time stamp counted against `customer_id`'s `allowance`; false,
  /// counting nothing, when all of it is used. Thread-safe.
  virtual bool take(std::uint64_t customer_id, std::int64_t allowance) = 0;
  /// A taken time stamp that was not made, given back.
  virtual void give_back(std::uint64_t customer_id) = 0;
  /// How many time stamps `customer_id` has used.
  [[nodiscard]] virtual std::int64_t used(std::uint64_t customer_id) const = 0;
};

/// A ledger that lives as long as the process.
std::shared_ptr<CreditLedger> in_memory_ledger();

}  // namespace nes::portal::tsa
