#include "fingerprint_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::sentry_sink {
namespace {

class FingerprintThrottleTest : public ::testing::Test {
 protected:
  int64_t now_ms = 0;
  FingerprintThrottle throttle{60000, 3, [this] { return now_ms; }};

  // Sends as the sink does: ask, then count what was sent. Returns how many were sent.
  int offer(const std::string& fingerprint, int n) {
    int sent = 0;
    for (int i = 0; i < n; ++i) {
      if (!throttle.allows(fingerprint)) continue;
      throttle.count_sent(fingerprint);
      ++sent;
    }
    return sent;
  }
};

TEST_F(FingerprintThrottleTest, AtMostMaxEventsPerWindowForOneFingerprint) {
  EXPECT_EQ(offer("a", 50), 3);
  EXPECT_EQ(offer("b", 2), 2);  // other fingerprints have their own windows
  now_ms += 59999;
  EXPECT_EQ(offer("a", 5), 0);
  now_ms += 1;  // the window has passed
  EXPECT_EQ(offer("a", 5), 3);
}

TEST_F(FingerprintThrottleTest, AskingCountsNothing) {
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(throttle.allows("a"));
  EXPECT_EQ(throttle.tracked(), 0u);
  EXPECT_EQ(offer("a", 3), 3);
}

TEST_F(FingerprintThrottleTest, MemoryStaysBounded) {
  for (size_t i = 0; i < FingerprintThrottle::kMaxTracked + 100; ++i) {
    ++now_ms;
    offer("f" + std::to_string(i), 1);
  }
  EXPECT_EQ(throttle.tracked(), FingerprintThrottle::kMaxTracked);
  EXPECT_EQ(offer("f0", 1), 1);  // the oldest went first, so it starts afresh
}

}  // namespace
}  // namespace mlobs::sentry_sink
