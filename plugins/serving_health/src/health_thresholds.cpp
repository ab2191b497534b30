#include "health_thresholds.h"

#include <cmath>

namespace mlobs::serving_health {

std::optional<std::string> HealthThresholds::validate() const {
  if (evaluation_window_ns <= 0) return "\"evaluation_window\" must be positive";
  if (stale_after_ns <= 0) return "\"stale_after\" must be positive";
  if (interval_ns <= 0) return "\"interval\" must be positive";
  if (max_missing_windows < 0) return "\"max_missing_windows\" must be >= 0";
  if (max_missing_windows_unhealthy < max_missing_windows) {
    return "\"max_missing_windows_unhealthy\" must be >= \"max_missing_windows\"";
  }
  if (!std::isfinite(p95_latency_ms) || p95_latency_ms < 0) {
    return "\"p95_latency_ms\" must be >= 0 (0 disables the rule)";
  }
  if (!std::isfinite(p99_latency_ms) || p99_latency_ms < 0) {
    return "\"p99_latency_ms\" must be >= 0 (0 disables the rule)";
  }
  if (!std::isfinite(latency_unhealthy_factor) || latency_unhealthy_factor < 1) {
    return "\"latency_unhealthy_factor\" must be >= 1";
  }
  if (!(error_rate_degraded > 0 && error_rate_degraded <= 1)) {
    return "\"error_rate_degraded\" must be in (0, 1]";
  }
  if (!(error_rate_unhealthy >= error_rate_degraded && error_rate_unhealthy <= 1)) {
    return "\"error_rate_unhealthy\" must be in [error_rate_degraded, 1]";
  }
  if (max_deployments <= 0) return "\"max_deployments\" must be positive";
  if (forget_after_ns < stale_after_ns) return "\"forget_after\" must be >= \"stale_after\"";
  return std::nullopt;
}

Status read_thresholds(const Config& config, HealthThresholds* out) {
  HealthThresholds t;
  auto duration_ns = [&](const char* key, int64_t def_ns) {
    return config.get_duration_ms(key, def_ns / kNanosPerMilli) * kNanosPerMilli;
  };
  t.evaluation_window_ns = duration_ns("evaluation_window", t.evaluation_window_ns);
  t.stale_after_ns = duration_ns("stale_after", t.stale_after_ns);
  t.interval_ns = duration_ns("interval", t.interval_ns);
  t.forget_after_ns = duration_ns("forget_after", t.forget_after_ns);
  t.max_missing_windows = config.get_int("max_missing_windows", t.max_missing_windows);
  t.max_missing_windows_unhealthy =
      config.get_int("max_missing_windows_unhealthy", t.max_missing_windows_unhealthy);
  t.p95_latency_ms = config.get_double("p95_latency_ms", t.p95_latency_ms);
  t.p99_latency_ms = config.get_double("p99_latency_ms", t.p99_latency_ms);
  t.latency_unhealthy_factor =
      config.get_double("latency_unhealthy_factor", t.latency_unhealthy_factor);
  t.error_rate_degraded = config.get_double("error_rate_degraded", t.error_rate_degraded);
  t.error_rate_unhealthy = config.get_double("error_rate_unhealthy", t.error_rate_unhealthy);
  t.max_deployments = config.get_int("max_deployments", t.max_deployments);
  if (auto problem = t.validate()) return Status::InvalidArgument(*problem);
  *out = t;
  return Status::Ok();
}

}  // namespace mlobs::serving_health
