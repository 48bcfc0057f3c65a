#pragma once
// Money in integer kuruş (1 TL = 100 kuruş); never floating point.

#include <compare>
#include <cstdint>
#include <nes/export.hpp>
#include <optional>
#include <string>

namespace nes {

/// An amount in kuruş (integer, never floating point).
class NES_EXPORT Money {
 public:
  constexpr Money() noexcept = default;
  /// The amount of `kurus` kuruş.
  static constexpr Money from_kurus(std::int64_t kurus) noexcept { return Money{kurus}; }

  /// The amount in kuruş.
  [[nodiscard]] constexpr std::int64_t kurus() const noexcept { return kurus_; }

  /// Turkish formatting: "1.234,56 TL", "-0,05 TL".
  [[nodiscard]] std::string format_tr() const;

  /// Sum, or nullopt on overflow.
  [[nodiscard]] std::optional<Money> checked_add(Money other) const noexcept;

  friend constexpr auto operator<=>(const Money&, const Money&) noexcept = default;

 private:
  constexpr explicit Money(std::int64_t kurus) noexcept : kurus_(kurus) {}
  std::int64_t kurus_ = 0;
};

/// A VAT (KDV) rate in basis points: 2000 is 20 %. Data from the portal,
/// never a constant in client code.
struct NES_EXPORT KdvRate {
  /// The rate in hundredths of a percent (2000: 20 %).
  std::int32_t basis_points = 0;
  friend constexpr auto operator<=>(const KdvRate&, const KdvRate&) noexcept = default;
};

/// A fee as the portal states it (Ödenecek Tutar): net, KDV and total.
struct NES_EXPORT Fee {
  /// Before KDV.
  Money net;
  /// The KDV.
  Money kdv;
  /// Ödenecek Tutar (KDV Dahil): net plus KDV.
  Money total;

  /// KDV rounded half up to the kuruş, total = net + KDV; nullopt for a
  /// negative net or rate, or on overflow.
  static std::optional<Fee> from_net(Money net, KdvRate rate) noexcept;

  /// True when total == net + kdv and none is negative.
  [[nodiscard]] bool consistent() const noexcept;

  friend constexpr bool operator==(const Fee&, const Fee&) noexcept = default;
};

}  // namespace nes
