#include "portal/tsa/credit_ledger.hpp"

#include <map>
#include <mutex>

namespace nes::portal::tsa {

namespace {

class InMemoryLedger final : public CreditLedger {
 public:
  bool take(std::uint64_t customer_id, std::int64_t allowance) override {
    const std::scoped_lock lock(mutex_);
    auto& used = used_[customer_id];
    if (used >= allowance) return false;
    ++used;
    return true;
  }
  void give_back(std::uint64_t customer_id) override {
    const std::scoped_lock lock(mutex_);
    if (auto found = used_.find(customer_id); found != used_.end() && found->second > 0) --found->second;
  }
  [[nodiscard]] std::int64_t used(std::uint64_t customer_id) const override {
    const std::scoped_lock lock(mutex_);
    const auto found = used_.find(customer_id);
    return found == used_.end() ? 0 : found->second;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::int64_t> used_;
};

}  // namespace

std::shared_ptr<CreditLedger> in_memory_ledger() { return std::make_shared<InMemoryLedger>(); }

}  // namespace nes::portal::tsa
