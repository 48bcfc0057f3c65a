#include "portal/store/tsa_ledger.hpp"

#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

std::int64_t used_in(sqlite3* db, std::uint64_t customer_id) {
  Statement s(db, "SELECT used FROM tsa_credits_used WHERE customer_id = ?1");
  s.bind(1, static_cast<std::int64_t>(customer_id));
  return s.step() ? s.integer(0) : 0;
}

}  // namespace

bool TsaLedger::take(std::uint64_t customer_id, std::int64_t allowance) {
  // One connection at a time: the read and the write are one step.
  return database_.with_connection([&](sqlite3* db) {
    const std::int64_t used = used_in(db, customer_id);
    if (used >= allowance) return false;
    Statement s(db,
                "INSERT INTO tsa_credits_used (customer_id, used) VALUES (?1, 1) "
                "ON CONFLICT (customer_id) DO UPDATE SET used = used + 1");
    s.bind(1, static_cast<std::int64_t>(customer_id));
    s.run();
    return true;
  });
}

void TsaLedger::give_back(std::uint64_t customer_id) {
  database_.with_connection([&](sqlite3* db) {
    Statement s(db, "UPDATE tsa_credits_used SET used = used - 1 WHERE customer_id = ?1 AND used > 0");
    s.bind(1, static_cast<std::int64_t>(customer_id));
    s.run();
    return 0;
  });
}

std::int64_t TsaLedger::used(std::uint64_t customer_id) const {
  return database_.with_connection([&](sqlite3* db) { return used_in(db, customer_id); });
}

}  // namespace nes::portal::store
