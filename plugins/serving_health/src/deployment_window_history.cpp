#include "deployment_window_history.h"

#include <algorithm>
#include <tuple>

namespace mlobs::serving_health {

DeploymentWindowHistory::DeploymentWindowHistory(DeploymentWindowHistory&& other) noexcept
    : evaluation_window_ns_(other.evaluation_window_ns_),
      max_windows_(other.max_windows_),
      windows_(std::move(other.windows_)),
      newest_(std::exchange(other.newest_, nullptr)) {
  other.windows_.clear();
}

DeploymentWindowHistory& DeploymentWindowHistory::operator=(
    DeploymentWindowHistory&& other) noexcept {
  if (this == &other) return *this;
  evaluation_window_ns_ = other.evaluation_window_ns_;
  max_windows_ = other.max_windows_;
  windows_ = std::move(other.windows_);
  newest_ = std::exchange(other.newest_, nullptr);
  other.windows_.clear();
  return *this;
}

bool DeploymentWindowHistory::newer(const Entry& a, const Entry& b) {
  return std::tie(a.second.end_ns, a.first) > std::tie(b.second.end_ns, b.first);
}

void DeploymentWindowHistory::find_newest() {
  newest_ = nullptr;
  for (const Entry& e : windows_) {
    if (!newest_ || newer(e, *newest_)) newest_ = &e;
  }
}

DeploymentWindowHistory::AddResult DeploymentWindowHistory::add(WindowStats window) {
  if (newest_ && window.end_ns <= newest_->second.end_ns - evaluation_window_ns_) {
    return AddResult::kTooOld;
  }
  Key key(window.start_ns, window.endpoint_name);
  auto [it, inserted] = windows_.try_emplace(std::move(key));
  const int64_t replaced_end_ns = it->second.end_ns;
  it->second = std::move(window);
  const Entry* entry = &*it;
  if (entry == newest_) {
    // A redelivered newest window that now ends earlier may have handed the title on.
    if (entry->second.end_ns < replaced_end_ns) find_newest();
  } else if (!newest_ || newer(*entry, *newest_)) {
    newest_ = entry;
  }
  evict();
  return inserted ? AddResult::kAdded : AddResult::kReplaced;
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
  const int64_t horizon = newest_->second.end_ns - evaluation_window_ns_;
  bool evicted_newest = false;
  // A window that ends by the horizon starts before it, and windows are ordered by start: only
  // the front needs looking at.
  for (auto it = windows_.begin(); it != windows_.end() && it->first.first < horizon;) {
    if (it->second.end_ns <= horizon) {
      evicted_newest |= &*it == newest_;
      it = windows_.erase(it);
    } else {
      ++it;
    }
  }
  while (windows_.size() > max_windows_) {
    evicted_newest |= &*windows_.begin() == newest_;
    windows_.erase(windows_.begin());
  }
  if (evicted_newest) find_newest();
}

}  // namespace mlobs::serving_health
