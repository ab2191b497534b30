// Remembers recent serving-window keys to drop duplicates, in bounded memory: keys whose
// window_end is older than the newest seen minus a horizon are forgotten, and past a maximum
// entry count the oldest windows are forgotten first.
#pragma once

#include "mlobs/rfc3339/rfc3339.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace mlobs::serving_ingest {

using rfc3339::Timestamp;

// The contract's dedup key. Bounds are compared as instants, so the same window written with
// another offset or precision is still the same window.
struct WindowKey {
  std::string deployment_id;
  std::string endpoint_name;
  Timestamp start;
  Timestamp end;

  friend bool operator==(const WindowKey& a, const WindowKey& b) {
    return a.start == b.start && a.end == b.end && a.deployment_id == b.deployment_id &&
           a.endpoint_name == b.endpoint_name;
  }
};

struct WindowKeyHash {
  size_t operator()(const WindowKey& k) const;
};

class DedupWindow {
 public:
  enum class Verdict {
    kNew,        // remembered; later copies are duplicates
    kDuplicate,  // seen within the horizon
    kTooOld,     // ends before the horizon: cannot be judged, so it is let through
  };

  DedupWindow(int64_t horizon_nanos, size_t max_entries);

  Verdict check(std::string_view deployment_id, std::string_view endpoint_name, Timestamp start,
                Timestamp end);

  size_t size() const { return keys_.size(); }
  void clear();

 private:
  // Windows ending before this are forgotten (and not judged).
  int64_t cutoff_nanos() const;
  void evict();

  int64_t horizon_nanos_;
  size_t max_entries_;
  int64_t newest_end_nanos_ = std::numeric_limits<int64_t>::min();
  std::unordered_set<WindowKey, WindowKeyHash> keys_;
  // Oldest window_end first. Points into keys_: set elements do not move on rehash.
  using Entry = std::pair<int64_t, const WindowKey*>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> by_end_;
  WindowKey probe_;  // reused for lookups, so a duplicate costs no allocation
};

}  // namespace mlobs::serving_ingest
