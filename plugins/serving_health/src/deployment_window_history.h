// The serving windows of one deployment that fall inside the evaluation window, with just the
// numbers the health rules need (not whole records), so memory per deployment stays small.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace mlobs::serving_health {

// What the rules read from one serving_window.
struct WindowStats {
  int64_t start_ns = 0;
  int64_t end_ns = 0;  // > start_ns
  std::string endpoint_name;
  int64_t request_count = 0;
  // failure_count + timeout_count + rejected_count + every *_error_count field.
  int64_t error_count = 0;
  std::optional<double> latency_p95_ms;
  std::optional<double> latency_p99_ms;
};

class DeploymentWindowHistory {
 public:
  // A hard cap besides the time bound: very short windows must not grow memory unboundedly.
  static constexpr size_t kDefaultMaxWindows = 4096;

  enum class AddResult { kAdded, kReplaced, kTooOld };

  explicit DeploymentWindowHistory(int64_t evaluation_window_ns,
                                   size_t max_windows = kDefaultMaxWindows)
      : evaluation_window_ns_(evaluation_window_ns), max_windows_(max_windows) {}
  // The cached newest entry points into windows_: a copy would point into the original, while a
  // move hands the map's nodes over intact.
  DeploymentWindowHistory(const DeploymentWindowHistory&) = delete;
  DeploymentWindowHistory& operator=(const DeploymentWindowHistory&) = delete;
  DeploymentWindowHistory(DeploymentWindowHistory&& other) noexcept;
  DeploymentWindowHistory& operator=(DeploymentWindowHistory&& other) noexcept;

  // Keeps the window unless it ended before the evaluation window (anchored at the newest
  // window's end). A window with the same (window_start, endpoint_name) replaces the stored one:
  // at-least-once delivery may bring it twice.
  AddResult add(WindowStats window);

  bool empty() const { return windows_.empty(); }
  size_t size() const { return windows_.size(); }
  // The window that ends last (latest start on ties). Requires !empty().
  const WindowStats& newest() const { return newest_->second; }
  // Inferred from the newest window (window_end - window_start).
  int64_t window_length_ns() const;
  // Whole window slots with no window between the oldest and the newest kept window. Slots
  // before the first window (a deployment that just started) and after the newest one
  // (staleness, judged against the clock) are not counted.
  int64_t missing_window_count() const;

  using Key = std::pair<int64_t, std::string>;  // (window_start, endpoint_name)
  const std::map<Key, WindowStats>& windows() const { return windows_; }

 private:
  using Entry = std::map<Key, WindowStats>::value_type;

  // Later end first, then the later key (start, endpoint): the entry that a scan in key order
  // keeping the latest end (latest start on ties) would pick.
  static bool newer(const Entry& a, const Entry& b);
  // Scans for the newest entry: only after the cached one was evicted or moved back.
  void find_newest();
  void evict();

  int64_t evaluation_window_ns_;
  size_t max_windows_;
  std::map<Key, WindowStats> windows_;
  // Kept up to date by add() and evict(): newest() runs several times per record. Null iff empty.
  const Entry* newest_ = nullptr;
};

}  // namespace mlobs::serving_health
