// The serving_health plugin file: one processor type. Defaults match HealthThresholds and the
// README.
#include <mlobs/plugin.hpp>

#include "serving_health_processor.h"

MLOBS_PLUGIN(
    "io.mlobs.serving_health", "serving_health", "0.1.0", "Apache-2.0",
    mlobs::component<mlobs::serving_health::ServingHealthProcessor>(
        "serving_health",
        "Classifies deployments as healthy, degraded or unhealthy from their serving windows",
        {{"evaluation_window", MLOBS_CONFIG_DURATION, false, "15m",
          "how far back from the newest window of a deployment windows are evaluated"},
         {"stale_after", MLOBS_CONFIG_DURATION, false, "5m",
          "newest window ended longer ago than this (by the clock): unhealthy"},
         {"max_missing_windows", MLOBS_CONFIG_INT, false, "2",
          "more missing window slots than this between evaluated windows: degraded"},
         {"max_missing_windows_unhealthy", MLOBS_CONFIG_INT, false, "7",
          "more missing window slots than this: unhealthy"},
         {"p95_latency_ms", MLOBS_CONFIG_DOUBLE, false, "500",
          "highest p95 latency above this: degraded (0 disables)"},
         {"p99_latency_ms", MLOBS_CONFIG_DOUBLE, false, "1000",
          "highest p99 latency above this: degraded (0 disables)"},
         {"latency_unhealthy_factor", MLOBS_CONFIG_DOUBLE, false, "2",
          "latency above this many times its threshold: unhealthy"},
         {"error_rate_degraded", MLOBS_CONFIG_DOUBLE, false, "0.05",
          "error rate at or above this: degraded"},
         {"error_rate_unhealthy", MLOBS_CONFIG_DOUBLE, false, "0.2",
          "error rate at or above this: unhealthy"},
         {"interval", MLOBS_CONFIG_DURATION, false, "1m",
          "every deployment is re-evaluated and reported this often"},
         {"max_deployments", MLOBS_CONFIG_INT, false, "10000",
          "deployments tracked at most; windows of further ones are counted, not evaluated"},
         {"forget_after", MLOBS_CONFIG_DURATION, false, "1h",
          "a deployment reported unhealthy and silent this long is forgotten"}}))
