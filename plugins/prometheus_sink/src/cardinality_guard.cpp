#include "cardinality_guard.h"

namespace mlobs::prometheus_sink {

bool CardinalityGuard::admit(std::string_view metric, size_t current, size_t wanted) {
  if (current + wanted <= max_series_) return true;
  bool first = false;
  if (reported_.find(metric) == reported_.end()) {
    reported_.emplace(metric);
    first = true;
  }
  if (on_drop_) on_drop_(metric, first);
  return false;
}

}  // namespace mlobs::prometheus_sink
