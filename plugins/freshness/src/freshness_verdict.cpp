#include "freshness_verdict.h"

namespace mlobs::freshness {

FreshnessVerdict evaluate_freshness(int64_t built_at_ns, int64_t now_ns, int64_t threshold_ns) {
  FreshnessVerdict v;
  // Compared in nanoseconds, so the verdict does not depend on the rounding of the seconds. A
  // difference past the int64 range (builds centuries apart from the clock) is saturated.
  int64_t age_ns = 0;
  if (__builtin_sub_overflow(now_ns, built_at_ns, &age_ns)) {
    age_ns = now_ns > built_at_ns ? INT64_MAX : INT64_MIN;
  }
  if (age_ns < 0) age_ns = 0;
  v.freshness_seconds = static_cast<double>(age_ns / 1'000'000'000) +
                        static_cast<double>(age_ns % 1'000'000'000) / 1e9;
  v.stale = age_ns > threshold_ns;
  return v;
}

std::string_view status_name(const FreshnessVerdict& verdict) {
  return verdict.stale ? "STALE" : "FRESH";
}

}  // namespace mlobs::freshness
