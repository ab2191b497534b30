// How old a dataset's newest build is at a given instant, and whether that is too old.
#pragma once

#include <cstdint>
#include <string_view>

namespace mlobs::freshness {

struct FreshnessVerdict {
  double freshness_seconds = 0;  // now - built_at; 0 for a build dated in the future
  bool stale = false;            // freshness_seconds > threshold
};

FreshnessVerdict evaluate_freshness(int64_t built_at_ns, int64_t now_ns, int64_t threshold_ns);

// "FRESH" or "STALE", as the freshness contract spells them.
std::string_view status_name(const FreshnessVerdict& verdict);

}  // namespace mlobs::freshness
