#include "rate_limits.h"

#include <gtest/gtest.h>

namespace mlobs::sentry_sink {
namespace {

TEST(RateLimitsTest, ReadsEveryFieldOfTheHeader) {
  const auto limits = parse_rate_limits(
      "60:transaction;error:organization:quota_exceeded, 2.5::project ,bad:error:key, 10:default");
  ASSERT_EQ(limits.size(), 3u);
  EXPECT_EQ(limits[0].retry_after_ms, 60000);
  EXPECT_EQ(limits[0].categories, (std::vector<std::string>{"transaction", "error"}));
  EXPECT_EQ(limits[0].scope, "organization");
  EXPECT_EQ(limits[0].reason, "quota_exceeded");
  EXPECT_EQ(limits[1].retry_after_ms, 2500);
  EXPECT_TRUE(limits[1].categories.empty());  // every category
  EXPECT_EQ(limits[1].scope, "project");
  EXPECT_EQ(limits[2].categories, (std::vector<std::string>{"default"}));
  EXPECT_TRUE(parse_rate_limits("").empty());
  EXPECT_TRUE(parse_rate_limits("soon:error:key").empty());
}

TEST(RateLimitsTest, RetryAfterIsSeconds) {
  EXPECT_EQ(parse_retry_after_ms("2"), 2000);
  EXPECT_EQ(parse_retry_after_ms(" 0.25 "), 250);
  EXPECT_FALSE(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(parse_retry_after_ms("-1"));
  EXPECT_FALSE(parse_retry_after_ms(""));
}

class RateLimitsStateTest : public ::testing::Test {
 protected:
  int64_t now_ms = 1000;
  RateLimits limits{[this] { return now_ms; }};
};

TEST_F(RateLimitsStateTest, ALimitHoldsItsCategoriesUntilItRunsOut) {
  EXPECT_EQ(limits.event_wait_ms(), 0);
  limits.update(429, "2:error;default:organization", "30");  // the header wins
  EXPECT_EQ(limits.event_wait_ms(), 2000);
  EXPECT_EQ(limits.wait_ms({"transaction"}), 0);
  now_ms += 1500;
  EXPECT_EQ(limits.event_wait_ms(), 500);
  now_ms += 500;
  EXPECT_EQ(limits.event_wait_ms(), 0);
}

TEST_F(RateLimitsStateTest, EitherEventCategoryLimitsAnEvent) {
  limits.update(200, "5:default:project", std::nullopt);  // a 2xx may carry limits too
  EXPECT_EQ(limits.event_wait_ms(), 5000);
  EXPECT_EQ(limits.wait_ms({"error"}), 0);
}

TEST_F(RateLimitsStateTest, AnEmptyCategoryListLimitsEverything) {
  limits.update(429, "3::organization", std::nullopt);
  EXPECT_EQ(limits.wait_ms({"error"}), 3000);
  EXPECT_EQ(limits.wait_ms({"anything"}), 3000);
}

TEST_F(RateLimitsStateTest, A429WithoutTheHeaderUsesRetryAfterOrAMinute) {
  limits.update(429, std::nullopt, "4");
  EXPECT_EQ(limits.event_wait_ms(), 4000);
  now_ms += 4000;
  limits.update(429, std::nullopt, std::nullopt);
  EXPECT_EQ(limits.event_wait_ms(), RateLimits::kDefaultRetryAfterMs);
}

TEST_F(RateLimitsStateTest, OtherAnswersWithoutTheHeaderChangeNothing) {
  limits.update(200, std::nullopt, "100");
  limits.update(503, std::nullopt, "100");  // Retry-After of a 503: the host's business
  EXPECT_EQ(limits.event_wait_ms(), 0);
}

TEST_F(RateLimitsStateTest, AShorterLimitDoesNotCutALongerOne) {
  limits.update(429, "10:error:key", std::nullopt);
  limits.update(429, "1:error:key", std::nullopt);
  EXPECT_EQ(limits.event_wait_ms(), 10000);
}

}  // namespace
}  // namespace mlobs::sentry_sink
