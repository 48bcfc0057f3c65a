#include <nes/money.hpp>

#include <cstdint>
#include <string>

namespace nes {

namespace {

constexpr std::int64_t kurus_per_lira = 100;
constexpr std::int64_t basis_points_per_unit = 10'000;

}  // namespace

std::string Money::format_tr() const {
  // Work in unsigned so that INT64_MIN has a magnitude too.
  const bool negative = kurus_ < 0;
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(kurus_) + 1U : static_cast<std::uint64_t>(kurus_);
  const std::string lira = std::to_string(magnitude / kurus_per_lira);
  const auto kurus = static_cast<unsigned>(magnitude % kurus_per_lira);

  std::string out;
  if (negative) out.push_back('-');
  for (std::size_t i = 0; i < lira.size(); ++i) {
    if (i > 0 && (lira.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(lira[i]);
  }
  out.push_back(',');
  out.push_back(static_cast<char>('0' + kurus / 10));
  out.push_back(static_cast<char>('0' + kurus % 10));
  out.append(" TL");
  return out;
}

std::optional<Money> Money::checked_add(Money other) const noexcept {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(kurus_, other.kurus_, &sum)) return std::nullopt;
  return Money{sum};
}

std::optional<Fee> Fee::from_net(Money net, KdvRate rate) noexcept {
  if (net.kurus() < 0 || rate.basis_points < 0) return std::nullopt;
  std::int64_t scaled = 0;
  if (__builtin_mul_overflow(net.kurus(), static_cast<std::int64_t>(rate.basis_points), &scaled)) {
    return std::nullopt;
  }
  // Half up to the kuruş; scaled is non-negative, so no overflow below.
  const std::int64_t kdv = scaled / basis_points_per_unit + (scaled % basis_points_per_unit >= 5'000 ? 1 : 0);
  const Money kdv_money = Money::from_kurus(kdv);
  const auto total = net.checked_add(kdv_money);
  if (!total) return std::nullopt;
  return Fee{net, kdv_money, *total};
}

bool Fee::consistent() const noexcept {
  if (net.kurus() < 0 || kdv.kurus() < 0) return false;
  const auto sum = net.checked_add(kdv);
  return sum && *sum == total;
}

}  // namespace nes
