// The serving_health configuration: every threshold of the health rules plus the processor's
// timing and memory bounds. Defaults here are the ones the README and the plugin schema list.
#pragma once

#include <cstdint>
#include <mlobs/plugin.hpp>
#include <optional>
#include <string>

namespace mlobs::serving_health {

inline constexpr int64_t kNanosPerMilli = 1'000'000;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr int64_t kNanosPerMinute = 60 * kNanosPerSecond;

struct HealthThresholds {
  int64_t evaluation_window_ns = 15 * kNanosPerMinute;
  int64_t stale_after_ns = 5 * kNanosPerMinute;  // newest window older than this: unhealthy
  int64_t max_missing_windows = 2;               // more missing slots: degraded
  int64_t max_missing_windows_unhealthy = 7;     // more missing slots: unhealthy
  double p95_latency_ms = 500;                   // above: degraded; 0 disables
  double p99_latency_ms = 1000;                  // above: degraded; 0 disables
  double latency_unhealthy_factor = 2;           // above factor x threshold: unhealthy
  double error_rate_degraded = 0.05;             // at or above: degraded
  double error_rate_unhealthy = 0.2;             // at or above: unhealthy
  int64_t interval_ns = kNanosPerMinute;         // periodic re-evaluation and emission
  int64_t max_deployments = 10'000;              // beyond: not tracked, counted
  int64_t forget_after_ns =
      60 * kNanosPerMinute;  // silent this long and reported unhealthy: forgotten

  // A message naming the first bad or inconsistent value; nullopt when all are usable.
  std::optional<std::string> validate() const;
};

// Reads the keys (absent keys keep their defaults) and validates them.
Status read_thresholds(const Config& config, HealthThresholds* out);

}  // namespace mlobs::serving_health
