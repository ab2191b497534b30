// Builds WindowStats for the rule and history tests: one-minute windows counted from a base.
#pragma once

#include <cstdint>
#include <string>

#include "deployment_window_history.h"

namespace mlobs::serving_health::testing {

inline constexpr int64_t kMinute = 60'000'000'000;
inline constexpr int64_t kBase = 1'775'556'000'000'000'000;  // 2026-04-07T10:00:00Z

// The window [base + slot min, base + slot + 1 min).
inline WindowStats window(int64_t slot, int64_t requests = 100, int64_t errors = 0, double p95 = 50,
                          double p99 = 80, std::string endpoint = "/predict") {
  WindowStats w;
  w.start_ns = kBase + slot * kMinute;
  w.end_ns = w.start_ns + kMinute;
  w.endpoint_name = std::move(endpoint);
  w.request_count = requests;
  w.error_count = errors;
  w.latency_p95_ms = p95;
  w.latency_p99_ms = p99;
  return w;
}

// The clock `seconds` after the end of window `slot`.
inline int64_t after(int64_t slot, int64_t seconds) {
  return kBase + (slot + 1) * kMinute + seconds * 1'000'000'000;
}

}  // namespace mlobs::serving_health::testing
