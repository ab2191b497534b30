#include "dedup_window.h"

#include <algorithm>

namespace mlobs::serving_ingest {
namespace {

size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

}  // namespace

size_t WindowKeyHash::operator()(const WindowKey& k) const {
  size_t h = std::hash<std::string_view>()(k.deployment_id);
  h = mix(h, std::hash<std::string_view>()(k.endpoint_name));
  h = mix(h, static_cast<size_t>(k.start.seconds) * 1'000'000'007u +
                 static_cast<size_t>(k.start.nanos));
  h = mix(h,
          static_cast<size_t>(k.end.seconds) * 1'000'000'007u + static_cast<size_t>(k.end.nanos));
  return h;
}

DedupWindow::DedupWindow(int64_t horizon_nanos, size_t max_entries)
    : horizon_nanos_(std::max<int64_t>(horizon_nanos, 0)),
      max_entries_(std::max<size_t>(max_entries, 1)) {}

DedupWindow::Verdict DedupWindow::check(std::string_view deployment_id,
                                        std::string_view endpoint_name, Timestamp start,
                                        Timestamp end) {
  const int64_t end_nanos = end.unix_nanos_saturated();
  if (end_nanos < cutoff_nanos()) return Verdict::kTooOld;
  probe_.deployment_id.assign(deployment_id.data(), deployment_id.size());
  probe_.endpoint_name.assign(endpoint_name.data(), endpoint_name.size());
  probe_.start = start;
  probe_.end = end;
  if (keys_.count(probe_) != 0) return Verdict::kDuplicate;

  const WindowKey& stored = *keys_.insert(probe_).first;
  by_end_.emplace(end_nanos, &stored);
  newest_end_nanos_ = std::max(newest_end_nanos_, end_nanos);
  evict();
  return Verdict::kNew;
}

int64_t DedupWindow::cutoff_nanos() const {
  // Saturating: before any window, or with a horizon reaching past the epoch, nothing is old.
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  return newest_end_nanos_ < kMin + horizon_nanos_ ? kMin : newest_end_nanos_ - horizon_nanos_;
}

void DedupWindow::evict() {
  const int64_t cutoff = cutoff_nanos();
  while (!by_end_.empty() && (by_end_.top().first < cutoff || keys_.size() > max_entries_)) {
    keys_.erase(keys_.find(*by_end_.top().second));
    by_end_.pop();
  }
}

void DedupWindow::clear() {
  keys_.clear();
  by_end_ = decltype(by_end_)();
  newest_end_nanos_ = std::numeric_limits<int64_t>::min();
}

}  // namespace mlobs::serving_ingest
