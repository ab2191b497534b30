#include "freshness_verdict.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace mlobs::freshness {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kBuiltAt = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z
constexpr int64_t kThreshold = 1800 * kSecond;

TEST(FreshnessVerdictTest, AgeIsSecondsSinceTheBuildWithTheFraction) {
  const FreshnessVerdict v =
      evaluate_freshness(kBuiltAt, kBuiltAt + 90 * kSecond + 250'000'000, kThreshold);
  EXPECT_DOUBLE_EQ(v.freshness_seconds, 90.25);
  EXPECT_FALSE(v.stale);
  EXPECT_EQ(status_name(v), "FRESH");
}

TEST(FreshnessVerdictTest, StaleOnlyPastTheThreshold) {
  EXPECT_FALSE(evaluate_freshness(kBuiltAt, kBuiltAt + kThreshold, kThreshold).stale);
  const FreshnessVerdict v = evaluate_freshness(kBuiltAt, kBuiltAt + kThreshold + 1, kThreshold);
  EXPECT_TRUE(v.stale);
  EXPECT_EQ(status_name(v), "STALE");
}

TEST(FreshnessVerdictTest, ABuildInTheFutureIsZeroSecondsOld) {
  const FreshnessVerdict v = evaluate_freshness(kBuiltAt + 60 * kSecond, kBuiltAt, kThreshold);
  EXPECT_EQ(v.freshness_seconds, 0);
  EXPECT_FALSE(v.stale);
}

TEST(FreshnessVerdictTest, AgesBeyondTheNanosecondRangeSaturate) {
  const FreshnessVerdict v = evaluate_freshness(INT64_MIN, INT64_MAX, kThreshold);
  EXPECT_TRUE(v.stale);
  EXPECT_GT(v.freshness_seconds, 9e9);
  EXPECT_EQ(evaluate_freshness(INT64_MAX, INT64_MIN, kThreshold).freshness_seconds, 0);
}

}  // namespace
}  // namespace mlobs::freshness
