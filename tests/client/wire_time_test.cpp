// The portal's RFC 3339 times as the SDK reads them: exactly one shape, and
// only dates the protocol can mean (a far-future year found by the fuzzer
// overflowed system_clock's nanoseconds).

#include "client/wire.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

using nes::client::parse_utc;

TEST(WireTime, ReadsTheProtocolsOneShape) {
  const auto t = parse_utc("2026-11-24T15:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count(), 1'795'534'200);
  for (const char* bad : {"2026-11-24 15:30:00Z", "2026-11-24T15:30:00", "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z",
                          "+026-11-24T15:30:00Z"}) {
    EXPECT_FALSE(parse_utc(bad)) << bad;
  }
}

TEST(WireTime, AYearOutsideWhatTheClockHoldsIsNotATime) {
  EXPECT_TRUE(parse_utc("2200-12-31T23:59:59Z"));
  EXPECT_TRUE(parse_utc("1970-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_utc("7110-11-25T10:00:00Z"));
  EXPECT_FALSE(parse_utc("9999-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_utc("1969-12-31T23:59:59Z"));
}

}  // namespace
