#include "health_thresholds.h"

#include <gtest/gtest.h>

namespace mlobs::serving_health {
namespace {

TEST(HealthThresholdsTest, DefaultsAreValid) { EXPECT_FALSE(HealthThresholds().validate()); }

TEST(HealthThresholdsTest, RejectsInconsistentValues) {
  auto bad = [](auto mutate) {
    HealthThresholds t;
    mutate(t);
    return t.validate().has_value();
  };
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.evaluation_window_ns = 0; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.stale_after_ns = -1; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.interval_ns = 0; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.max_missing_windows = -1; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.max_missing_windows_unhealthy = 1; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.p95_latency_ms = -1; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.latency_unhealthy_factor = 0.5; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.error_rate_degraded = 0; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.error_rate_unhealthy = 0.01; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.error_rate_unhealthy = 1.5; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.max_deployments = 0; }));
  EXPECT_TRUE(bad([](HealthThresholds& t) { t.forget_after_ns = 1; }));
  EXPECT_FALSE(bad([](HealthThresholds& t) { t.p99_latency_ms = 0; }));  // 0 disables
}

}  // namespace
}  // namespace mlobs::serving_health
