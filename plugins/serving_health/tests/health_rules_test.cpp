#include "health_rules.h"

#include <gtest/gtest.h>

#include <initializer_list>

#include "window_builder.h"

namespace mlobs::serving_health {
namespace {

using testing::after;
using testing::kMinute;
using testing::window;

DeploymentWindowHistory history(std::initializer_list<WindowStats> windows) {
  DeploymentWindowHistory h(15 * kMinute);
  for (const WindowStats& w : windows) h.add(w);
  return h;
}

// Ten consecutive healthy one-minute windows, slots 0..9.
DeploymentWindowHistory steady() {
  DeploymentWindowHistory h(15 * kMinute);
  for (int64_t slot = 0; slot < 10; ++slot) h.add(window(slot));
  return h;
}

TEST(HealthRulesTest, HealthyWhenNoRuleFires) {
  const HealthVerdict v = evaluate_health(steady(), HealthThresholds(), after(9, 30));
  EXPECT_EQ(v.status, HealthStatus::kHealthy);
  EXPECT_TRUE(v.fired.empty());
  EXPECT_EQ(v.detail, "no rule fired: newest window ended 30s ago");
}

TEST(HealthRulesTest, StaleIsUnhealthy) {
  const HealthThresholds t;
  EXPECT_FALSE(check_staleness(steady(), t, after(9, 300)));  // exactly stale_after: not yet
  const auto r = check_staleness(steady(), t, after(9, 432));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->severity, HealthStatus::kUnhealthy);
  EXPECT_EQ(r->detail, "stale: newest window ended 7m12s ago (stale_after 5m)");
  const HealthVerdict v = evaluate_health(steady(), t, after(9, 432));
  EXPECT_EQ(v.status, HealthStatus::kUnhealthy);
  EXPECT_EQ(v.detail, r->detail);
}

TEST(HealthRulesTest, GapsAreDegradedThenUnhealthy) {
  const HealthThresholds t;  // more than 2: degraded; more than 7: unhealthy
  EXPECT_FALSE(check_missing_windows(history({window(0), window(3)}), t));
  auto r = check_missing_windows(history({window(0), window(4)}), t);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->severity, HealthStatus::kDegraded);
  EXPECT_EQ(r->detail, "3 missing windows of 1m > 2 (max_missing_windows)");
  r = check_missing_windows(history({window(0), window(9)}), t);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->severity, HealthStatus::kUnhealthy);
  EXPECT_EQ(r->detail, "8 missing windows of 1m > 7 (unhealthy: max_missing_windows_unhealthy)");
  EXPECT_EQ(evaluate_health(history({window(0), window(4)}), t, after(4, 0)).status,
            HealthStatus::kDegraded);
}

TEST(HealthRulesTest, P95AndP99Thresholds) {
  HealthThresholds t;
  t.p95_latency_ms = 300;
  t.p99_latency_ms = 500;
  // The highest value over the evaluated windows counts, not only the newest one.
  auto rules = check_latency(history({window(0, 100, 0, 320, 400), window(1)}), t);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].rule, "p95_latency");
  EXPECT_EQ(rules[0].severity, HealthStatus::kDegraded);
  EXPECT_EQ(rules[0].detail, "p95 latency 320 ms > 300 ms (p95_latency_ms)");

  rules = check_latency(history({window(0, 100, 0, 100, 812)}), t);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].rule, "p99_latency");
  EXPECT_EQ(rules[0].detail, "p99 latency 812 ms > 500 ms (p99_latency_ms)");

  rules = check_latency(history({window(0, 100, 0, 650.5, 1200)}), t);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].severity, HealthStatus::kUnhealthy);
  EXPECT_EQ(rules[0].detail, "p95 latency 650.5 ms > 600 ms (unhealthy: 2x p95_latency_ms)");
  EXPECT_EQ(rules[1].severity, HealthStatus::kUnhealthy);

  EXPECT_TRUE(check_latency(history({window(0, 100, 0, 300, 500)}), t).empty());  // not above
  t.p99_latency_ms = 0;                                                           // disabled
  EXPECT_TRUE(check_latency(history({window(0, 100, 0, 10, 99999)}), t).empty());
}

TEST(HealthRulesTest, WindowsWithoutLatencyAreSkipped) {
  WindowStats w = window(0);
  w.latency_p95_ms.reset();
  w.latency_p99_ms.reset();
  EXPECT_TRUE(check_latency(history({w}), HealthThresholds()).empty());
}

TEST(HealthRulesTest, ErrorRateDegradedAndUnhealthy) {
  HealthThresholds t;
  t.error_rate_degraded = 0.05;
  t.error_rate_unhealthy = 0.1;
  EXPECT_FALSE(check_error_rate(history({window(0, 100, 4)}), t));
  auto r = check_error_rate(history({window(0, 100, 5)}), t);  // at the threshold fires
  ASSERT_TRUE(r);
  EXPECT_EQ(r->severity, HealthStatus::kDegraded);
  EXPECT_EQ(r->detail, "error rate 5% (5 of 100 requests) >= 5% (degraded)");
  // Summed over windows: 25 errors in 200 requests.
  r = check_error_rate(history({window(0, 100, 20), window(1, 100, 5)}), t);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->severity, HealthStatus::kUnhealthy);
  EXPECT_EQ(r->detail, "error rate 12.5% (25 of 200 requests) >= 10% (unhealthy)");
}

TEST(HealthRulesTest, NoRequestsNoErrorRateVerdict) {
  EXPECT_FALSE(check_error_rate(history({window(0, 0, 0), window(1, 0, 3)}), HealthThresholds()));
  EXPECT_EQ(evaluate_health(history({window(0, 0, 3)}), HealthThresholds(), after(0, 1)).status,
            HealthStatus::kHealthy);
}

TEST(HealthRulesTest, CombinationTakesTheWorst) {
  EXPECT_EQ(combine({}), HealthStatus::kHealthy);
  EXPECT_EQ(combine({{HealthStatus::kDegraded, "a", ""}}), HealthStatus::kDegraded);
  EXPECT_EQ(combine({{HealthStatus::kDegraded, "a", ""},
                     {HealthStatus::kUnhealthy, "b", ""},
                     {HealthStatus::kDegraded, "c", ""}}),
            HealthStatus::kUnhealthy);
}

TEST(HealthRulesTest, EveryFiredRuleIsListedInTheDetail) {
  HealthThresholds t;
  t.p99_latency_ms = 500;
  const auto h = history({window(0, 100, 6, 50, 812), window(4, 100, 6)});
  const HealthVerdict v = evaluate_health(h, t, after(4, 432));
  EXPECT_EQ(v.status, HealthStatus::kUnhealthy);
  ASSERT_EQ(v.fired.size(), 4u);
  EXPECT_EQ(v.detail,
            "stale: newest window ended 7m12s ago (stale_after 5m); "
            "3 missing windows of 1m > 2 (max_missing_windows); "
            "p99 latency 812 ms > 500 ms (p99_latency_ms); "
            "error rate 6% (12 of 200 requests) >= 5% (degraded)");

  // The same history while fresh: only degraded rules, so degraded.
  EXPECT_EQ(evaluate_health(h, t, after(4, 10)).status, HealthStatus::kDegraded);
}

// The rules decide alike whether or not they are asked to explain: a status change seen by the
// quiet evaluation is the one the explained record reports.
TEST(HealthRulesTest, TheStatusDoesNotDependOnTheExplanation) {
  HealthThresholds t;
  t.p95_latency_ms = 40;
  t.p99_latency_ms = 500;
  const DeploymentWindowHistory histories[] = {
      steady(),
      history({window(0), window(4)}),
      history({window(0), window(9)}),
      history({window(0, 100, 6, 50, 812), window(4, 100, 6)}),
      history({window(0, 100, 20), window(1, 100, 5)}),
      history({window(0, 0, 3)}),
      DeploymentWindowHistory(15 * kMinute),
  };
  for (const auto& h : histories) {
    for (const int64_t now : {after(9, 10), after(9, 432)}) {
      const HealthVerdict quiet = evaluate_health(h, t, now, /*explain=*/false);
      const HealthVerdict explained = evaluate_health(h, t, now);
      EXPECT_EQ(quiet.status, explained.status);
      ASSERT_EQ(quiet.fired.size(), explained.fired.size());
      for (size_t i = 0; i < quiet.fired.size(); ++i) {
        EXPECT_EQ(quiet.fired[i].rule, explained.fired[i].rule);
        EXPECT_EQ(quiet.fired[i].severity, explained.fired[i].severity);
      }
      EXPECT_TRUE(quiet.detail.empty());
      EXPECT_FALSE(explained.detail.empty());
    }
  }
}

TEST(HealthRulesTest, EmptyHistoryIsUnhealthy) {
  const HealthVerdict v =
      evaluate_health(DeploymentWindowHistory(kMinute), HealthThresholds(), after(0, 0));
  EXPECT_EQ(v.status, HealthStatus::kUnhealthy);
}

TEST(HealthRulesTest, FormatsDurations) {
  EXPECT_EQ(format_duration(0), "0ms");
  EXPECT_EQ(format_duration(250'000'000), "250ms");
  EXPECT_EQ(format_duration(45 * kNanosPerSecond), "45s");
  EXPECT_EQ(format_duration(432 * kNanosPerSecond), "7m12s");
  EXPECT_EQ(format_duration(3600 * kNanosPerSecond), "1h");
  EXPECT_EQ(format_duration(3725 * kNanosPerSecond), "1h2m5s");
  EXPECT_EQ(format_duration((2 * 86400 + 5) * kNanosPerSecond), "2d5s");
}

}  // namespace
}  // namespace mlobs::serving_health
