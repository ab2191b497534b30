#include "health_rules.h"

#include <algorithm>
#include <cstdio>

namespace mlobs::serving_health {
namespace {

// At most `decimals` decimals, trailing zeros dropped: 12.5, 10, 0.25.
std::string format_number(double v, int decimals) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  std::string s(buf, static_cast<size_t>(std::max(n, 0)));
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string percent(double ratio) { return format_number(ratio * 100, 2) + "%"; }

std::string milliseconds(double ms) { return format_number(ms, 1) + " ms"; }

std::optional<FiredRule> latency_rule(const char* name, std::optional<double> observed,
                                      double threshold, double factor, const char* key,
                                      bool explain) {
  if (!observed || threshold <= 0 || *observed <= threshold) return std::nullopt;
  FiredRule r;
  r.rule = std::string(name) + "_latency";
  const double unhealthy_at = threshold * factor;
  r.severity = *observed > unhealthy_at ? HealthStatus::kUnhealthy : HealthStatus::kDegraded;
  if (!explain) return r;
  r.detail = std::string(name) + " latency " + milliseconds(*observed) + " > ";
  if (r.severity == HealthStatus::kUnhealthy) {
    r.detail +=
        milliseconds(unhealthy_at) + " (unhealthy: " + format_number(factor, 2) + "x " + key + ")";
  } else {
    r.detail += milliseconds(threshold) + " (" + key + ")";
  }
  return r;
}

}  // namespace

std::string_view status_name(HealthStatus status) {
  switch (status) {
    case HealthStatus::kHealthy: return "healthy";
    case HealthStatus::kDegraded: return "degraded";
    case HealthStatus::kUnhealthy: return "unhealthy";
  }
  return "unhealthy";
}

std::string format_duration(int64_t nanos) {
  if (nanos < 0) return "-" + format_duration(-nanos);
  if (nanos < kNanosPerSecond) return std::to_string(nanos / kNanosPerMilli) + "ms";
  int64_t seconds = nanos / kNanosPerSecond;  // sub-second parts do not help an operator here
  const int64_t days = seconds / 86400;
  const int64_t hours = seconds / 3600 % 24;
  const int64_t minutes = seconds / 60 % 60;
  seconds %= 60;
  std::string out;
  if (days > 0) out += std::to_string(days) + "d";
  if (hours > 0) out += std::to_string(hours) + "h";
  if (minutes > 0) out += std::to_string(minutes) + "m";
  if (seconds > 0 || out.empty()) out += std::to_string(seconds) + "s";
  return out;
}

std::optional<FiredRule> check_staleness(const DeploymentWindowHistory& history,
                                         const HealthThresholds& t, int64_t now_ns,
                                         bool explain) {
  if (history.empty()) {
    return FiredRule{HealthStatus::kUnhealthy, "stale",
                     "stale: no window in the evaluation window"};
  }
  const int64_t age = now_ns - history.newest().end_ns;
  if (age <= t.stale_after_ns) return std::nullopt;
  if (!explain) return FiredRule{HealthStatus::kUnhealthy, "stale", {}};
  return FiredRule{HealthStatus::kUnhealthy, "stale",
                   "stale: newest window ended " + format_duration(age) + " ago (stale_after " +
                       format_duration(t.stale_after_ns) + ")"};
}

std::optional<FiredRule> check_missing_windows(const DeploymentWindowHistory& history,
                                               const HealthThresholds& t, bool explain) {
  const int64_t missing = history.missing_window_count();
  if (missing <= t.max_missing_windows) return std::nullopt;
  const bool unhealthy = missing > t.max_missing_windows_unhealthy;
  FiredRule r{unhealthy ? HealthStatus::kUnhealthy : HealthStatus::kDegraded, "missing_windows",
              {}};
  if (!explain) return r;
  r.detail = std::to_string(missing) + " missing window" + (missing == 1 ? "" : "s") + " of " +
             format_duration(history.window_length_ns()) + " > ";
  r.detail += unhealthy ? std::to_string(t.max_missing_windows_unhealthy) +
                              " (unhealthy: max_missing_windows_unhealthy)"
                        : std::to_string(t.max_missing_windows) + " (max_missing_windows)";
  return r;
}

std::vector<FiredRule> check_latency(const DeploymentWindowHistory& history,
                                     const HealthThresholds& t, bool explain) {
  std::optional<double> p95;
  std::optional<double> p99;
  for (const auto& [key, w] : history.windows()) {
    if (w.latency_p95_ms) p95 = std::max(p95.value_or(*w.latency_p95_ms), *w.latency_p95_ms);
    if (w.latency_p99_ms) p99 = std::max(p99.value_or(*w.latency_p99_ms), *w.latency_p99_ms);
  }
  std::vector<FiredRule> fired;
  if (auto r = latency_rule("p95", p95, t.p95_latency_ms, t.latency_unhealthy_factor,
                            "p95_latency_ms", explain)) {
    fired.push_back(std::move(*r));
  }
  if (auto r = latency_rule("p99", p99, t.p99_latency_ms, t.latency_unhealthy_factor,
                            "p99_latency_ms", explain)) {
    fired.push_back(std::move(*r));
  }
  return fired;
}

std::optional<FiredRule> check_error_rate(const DeploymentWindowHistory& history,
                                          const HealthThresholds& t, bool explain) {
  int64_t requests = 0;
  int64_t errors = 0;
  for (const auto& [key, w] : history.windows()) {
    requests += w.request_count;
    errors += w.error_count;
  }
  if (requests <= 0) return std::nullopt;
  const double rate = static_cast<double>(errors) / static_cast<double>(requests);
  const bool unhealthy = rate >= t.error_rate_unhealthy;
  if (!unhealthy && rate < t.error_rate_degraded) return std::nullopt;
  FiredRule r{unhealthy ? HealthStatus::kUnhealthy : HealthStatus::kDegraded, "error_rate", {}};
  if (!explain) return r;
  r.detail = "error rate " + percent(rate) + " (" + std::to_string(errors) + " of " +
             std::to_string(requests) + " requests) >= ";
  r.detail += unhealthy ? percent(t.error_rate_unhealthy) + " (unhealthy)"
                        : percent(t.error_rate_degraded) + " (degraded)";
  return r;
}

HealthStatus combine(const std::vector<FiredRule>& fired) {
  HealthStatus worst = HealthStatus::kHealthy;
  for (const FiredRule& r : fired) worst = std::max(worst, r.severity);
  return worst;
}

HealthVerdict evaluate_health(const DeploymentWindowHistory& history, const HealthThresholds& t,
                              int64_t now_ns, bool explain) {
  HealthVerdict v;
  if (auto r = check_staleness(history, t, now_ns, explain)) v.fired.push_back(std::move(*r));
  if (!history.empty()) {
    if (auto r = check_missing_windows(history, t, explain)) v.fired.push_back(std::move(*r));
    for (FiredRule& r : check_latency(history, t, explain)) v.fired.push_back(std::move(r));
    if (auto r = check_error_rate(history, t, explain)) v.fired.push_back(std::move(*r));
  }
  v.status = combine(v.fired);
  if (!explain) return v;
  for (const FiredRule& r : v.fired) {
    if (!v.detail.empty()) v.detail += "; ";
    v.detail += r.detail;
  }
  if (v.detail.empty()) {
    v.detail = "no rule fired: newest window ended " +
               format_duration(std::max<int64_t>(0, now_ns - history.newest().end_ns)) + " ago";
  }
  return v;
}

}  // namespace mlobs::serving_health
