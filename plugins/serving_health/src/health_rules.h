// The health rules as pure functions: a deployment's window history, the thresholds and the
// clock in; a status and the rules that fired, in words, out. No host, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deployment_window_history.h"
#include "health_thresholds.h"

namespace mlobs::serving_health {

// Ordered by severity, so the worst of several is their max.
enum class HealthStatus { kHealthy = 0, kDegraded = 1, kUnhealthy = 2 };

std::string_view status_name(HealthStatus status);

struct FiredRule {
  HealthStatus severity = HealthStatus::kDegraded;
  std::string rule;    // short stable name: stale, missing_windows, p95_latency, ...
  std::string detail;  // e.g. "p99 latency 812 ms > 500 ms"
};

struct HealthVerdict {
  HealthStatus status = HealthStatus::kHealthy;
  std::vector<FiredRule> fired;
  // The fired rules' details joined with "; ", or why nothing fired.
  std::string detail;
};

// Each check says in `detail` why it fired only when `explain` is set: the words cost more
// than the rule, and most evaluations only need the status.

// The newest window ended more than stale_after before `now_ns`: unhealthy.
std::optional<FiredRule> check_staleness(const DeploymentWindowHistory& history,
                                         const HealthThresholds& t, int64_t now_ns,
                                         bool explain = true);
// More missing slots than max_missing_windows: degraded; than max_missing_windows_unhealthy:
// unhealthy.
std::optional<FiredRule> check_missing_windows(const DeploymentWindowHistory& history,
                                               const HealthThresholds& t, bool explain = true);
// The highest p95 and p99 over the kept windows against their thresholds (one rule each).
std::vector<FiredRule> check_latency(const DeploymentWindowHistory& history,
                                     const HealthThresholds& t, bool explain = true);
// Errors over requests summed over the kept windows; no verdict without requests.
std::optional<FiredRule> check_error_rate(const DeploymentWindowHistory& history,
                                          const HealthThresholds& t, bool explain = true);

// Any unhealthy rule: unhealthy; else any degraded: degraded; else healthy.
HealthStatus combine(const std::vector<FiredRule>& fired);

// Runs every rule and combines them; without `explain`, the detail is left empty.
HealthVerdict evaluate_health(const DeploymentWindowHistory& history, const HealthThresholds& t,
                              int64_t now_ns, bool explain = true);

// "7m12s", "45s", "1h", "2d3h", "250ms": the way durations read in details.
std::string format_duration(int64_t nanos);

}  // namespace mlobs::serving_health
