#include "deployment_window_history.h"

#include <algorithm>
#include <iterator>

namespace mlobs::serving_health {

DeploymentWindowHistory::AddResult DeploymentWindowHistory::add(WindowStats window) {
  if (!windows_.empty() && window.end_ns <= newest().end_ns - evaluation_window_ns_) {
    return AddResult::kTooOld;
  }
  Key key(window.start_ns, window.endpoint_name);
  auto [it, inserted] = windows_.try_emplace(std::move(key));
  it->second = std::move(window);
  evict();
  return inserted ? AddResult::kAdded : AddResult::kReplaced;
}

const WindowStats& DeploymentWindowHistory::newest() const {
  const WindowStats* best = nullptr;
  for (const auto& [key, w] : windows_) {
    if (!best || w.end_ns > best->end_ns ||
        (w.end_ns == best->end_ns && w.start_ns >= best->start_ns)) {
      best = &w;
    }
  }
  return *best;
}

int64_t DeploymentWindowHistory::window_length_ns() const {
  const WindowStats& w = newest();
  return w.end_ns - w.start_ns;
}

int64_t DeploymentWindowHistory::missing_window_count() const {
  if (windows_.empty()) return 0;
  const int64_t length = window_length_ns();
  if (length <= 0) return 0;
  int64_t missing = 0;
  // Windows are ordered by start; the covered span so far ends at `covered_until`.
  auto it = windows_.begin();
  int64_t covered_until = it->second.end_ns;
  for (++it; it != windows_.end(); ++it) {
    const int64_t gap = it->second.start_ns - covered_until;
    if (gap > 0) missing += gap / length;
    covered_until = std::max(covered_until, it->second.end_ns);
  }
  return missing;
}

void DeploymentWindowHistory::evict() {
  const int64_t horizon = newest().end_ns - evaluation_window_ns_;
  // A window that ends by the horizon starts before it, and windows are ordered by start: only
  // the front needs looking at.
  for (auto it = windows_.begin(); it != windows_.end() && it->first.first < horizon;) {
    it = it->second.end_ns <= horizon ? windows_.erase(it) : std::next(it);
  }
  while (windows_.size() > max_windows_) windows_.erase(windows_.begin());
}

}  // namespace mlobs::serving_health
