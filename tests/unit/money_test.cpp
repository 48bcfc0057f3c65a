#include <nes/money.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace {

using nes::Fee;
using nes::KdvRate;
using nes::Money;

TEST(Money, FormatsTheTurkishWay) {
  EXPECT_EQ(Money::from_kurus(0).format_tr(), "0,00 TL");
  EXPECT_EQ(Money::from_kurus(5).format_tr(), "0,05 TL");
  EXPECT_EQ(Money::from_kurus(123456).format_tr(), "1.234,56 TL");
  EXPECT_EQ(Money::from_kurus(100000000).format_tr(), "1.000.000,00 TL");
  EXPECT_EQ(Money::from_kurus(99999).format_tr(), "999,99 TL");
  EXPECT_EQ(Money::from_kurus(-5).format_tr(), "-0,05 TL");
  EXPECT_EQ(Money::from_kurus(std::numeric_limits<std::int64_t>::min()).format_tr(), "-92.233.720.368.547.758,08 TL");
  EXPECT_EQ(Money::from_kurus(std::numeric_limits<std::int64_t>::max()).format_tr(), "92.233.720.368.547.758,07 TL");
}

TEST(Money, AddsWithOverflowChecks) {
  EXPECT_EQ(Money::from_kurus(150).checked_add(Money::from_kurus(250)), Money::from_kurus(400));
  EXPECT_EQ(Money::from_kurus(std::numeric_limits<std::int64_t>::max()).checked_add(Money::from_kurus(1)),
            std::nullopt);
}

TEST(Fee, ComputesKdvHalfUpToTheKurus) {
  const auto fee = Fee::from_net(Money::from_kurus(50000), KdvRate{2000});  // 500,00 TL at 20 %
  ASSERT_TRUE(fee);
  EXPECT_EQ(fee->kdv, Money::from_kurus(10000));
  EXPECT_EQ(fee->total, Money::from_kurus(60000));
  EXPECT_TRUE(fee->consistent());
  EXPECT_EQ(Fee::from_net(Money::from_kurus(1), KdvRate{2000})->kdv, Money::from_kurus(0));   // 0,2 kuruş
  EXPECT_EQ(Fee::from_net(Money::from_kurus(3), KdvRate{2000})->kdv, Money::from_kurus(1));   // 0,6 kuruş
  EXPECT_EQ(Fee::from_net(Money::from_kurus(25), KdvRate{2000})->kdv, Money::from_kurus(5));  // exactly 5
  EXPECT_EQ(Fee::from_net(Money::from_kurus(5), KdvRate{1000})->kdv, Money::from_kurus(1));   // 0,5 rounds up
  EXPECT_EQ(Fee::from_net(Money::from_kurus(33333), KdvRate{1800})->kdv, Money::from_kurus(6000));
}

TEST(Fee, RefusesNegativeAndOverflowingInput) {
  EXPECT_EQ(Fee::from_net(Money::from_kurus(-1), KdvRate{2000}), std::nullopt);
  EXPECT_EQ(Fee::from_net(Money::from_kurus(1), KdvRate{-1}), std::nullopt);
  EXPECT_EQ(Fee::from_net(Money::from_kurus(std::numeric_limits<std::int64_t>::max()), KdvRate{2000}), std::nullopt);
  const Fee wrong{Money::from_kurus(100), Money::from_kurus(20), Money::from_kurus(121)};
  EXPECT_FALSE(wrong.consistent());
}

}  // namespace
