#pragma once
// The portal's fee table: the net fee of every offered validity period and
// card-reader option, and the KDV rate. Configuration, never constants in a
// client; the demo table is the reference portal's own sample data.

#include <nes/money.hpp>
#include <nes/parsed.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace nes::portal {

struct FeeTable {
  struct Entry {
    int validity_years = 0;
    bool card_reader = false;
    Money net;
    friend bool operator==(const Entry&, const Entry&) = default;
  };

  KdvRate kdv;
  std::vector<Entry> entries;

  /// Net, KDV and total for one option; nullopt when it is not offered.
  [[nodiscard]] std::optional<Fee> fee_for(int validity_years, bool card_reader) const;

  /// The reference portal's sample prices.
  static FeeTable demo();
};

/// {"kdv_rate_basis_points": 2000, "fees": [{"validity_years": 1,
/// "card_reader": false, "net_kurus": 75000}, …]}; every problem by path.
Parsed<FeeTable> decode_fee_table(std::string_view json);

}  // namespace nes::portal
