#include "delivery/retry_policy.h"

#include <gtest/gtest.h>

namespace mlobs::agent {
namespace {

TEST(RetryPolicy, CeilingDoublesUpToTheMaximum) {
  RetryPolicy p(100, 1000, 1);
  const int64_t expected[] = {100, 200, 400, 800, 1000, 1000};
  for (int64_t ceiling : expected) {
    EXPECT_EQ(p.ceiling_ms(), ceiling);
    const int64_t d = p.next_delay_ms();
    EXPECT_GE(d, 0);
    EXPECT_LE(d, ceiling);
  }
  p.reset();
  EXPECT_EQ(p.ceiling_ms(), 100);
}

TEST(RetryPolicy, DelaysAreSpreadNotAllAtTheCeiling) {
  RetryPolicy p(1000, 1000, 42);
  int64_t low = 1000, high = 0;
  for (int i = 0; i < 200; ++i) {
    const int64_t d = p.next_delay_ms();
    low = std::min(low, d);
    high = std::max(high, d);
  }
  EXPECT_LT(low, 250);
  EXPECT_GT(high, 750);
}

TEST(RetryPolicy, NeverSoonerThanTheBackendAsked) {
  RetryPolicy p(10, 100, 7);
  for (int i = 0; i < 50; ++i) EXPECT_GE(p.next_delay_ms(2000), 2000);
}

}  // namespace
}  // namespace mlobs::agent
