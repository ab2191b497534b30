#include "fingerprint_throttle.h"

#include <algorithm>
#include <utility>

namespace mlobs::sentry_sink {

FingerprintThrottle::FingerprintThrottle(int64_t window_ms, size_t max_events, MillisClock now)
    : window_ms_(window_ms), max_events_(max_events), now_(std::move(now)) {}

bool FingerprintThrottle::allows(std::string_view fingerprint) const {
  const auto it = windows_.find(std::string(fingerprint));
  return it == windows_.end() || expired(it->second, now_()) || it->second.sent < max_events_;
}

void FingerprintThrottle::count_sent(std::string_view fingerprint) {
  const int64_t now = now_();
  auto it = windows_.find(std::string(fingerprint));
  if (it == windows_.end()) {
    make_room(now);
    it = windows_.emplace(std::string(fingerprint), Window{now, 0}).first;
  } else if (expired(it->second, now)) {
    it->second = Window{now, 0};
  }
  ++it->second.sent;
}

void FingerprintThrottle::make_room(int64_t now) {
  if (windows_.size() < kMaxTracked) return;
  for (auto it = windows_.begin(); it != windows_.end();) {
    it = expired(it->second, now) ? windows_.erase(it) : std::next(it);
  }
  if (windows_.size() < kMaxTracked) return;
  const auto oldest =
      std::min_element(windows_.begin(), windows_.end(), [](const auto& a, const auto& b) {
        return a.second.opened_ms < b.second.opened_ms;
      });
  windows_.erase(oldest);
}

}  // namespace mlobs::sentry_sink
