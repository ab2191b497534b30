// At most N events of one fingerprint per window: an alert that fires on every batch reaches
// Sentry a few times, not thousands. Each fingerprint has a fixed window that opens with its
// first sent event; once the window has passed, the next event opens a new one.
#pragma once

#include "millis_clock.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mlobs::sentry_sink {

class FingerprintThrottle {
 public:
  // Fingerprints remembered at most; beyond, expired windows go first, then the oldest one.
  static constexpr size_t kMaxTracked = 10000;

  FingerprintThrottle(int64_t window_ms, size_t max_events, MillisClock now);

  // True when one more event of `fingerprint` may be sent now. Asking counts nothing: an event
  // whose sending fails may ask again.
  bool allows(std::string_view fingerprint) const;
  // One event of `fingerprint` was sent.
  void count_sent(std::string_view fingerprint);

  size_t tracked() const { return windows_.size(); }

 private:
  struct Window {
    int64_t opened_ms = 0;
    size_t sent = 0;
  };
  bool expired(const Window& w, int64_t now) const { return now - w.opened_ms >= window_ms_; }
  void make_room(int64_t now);

  int64_t window_ms_;
  size_t max_events_;
  MillisClock now_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace mlobs::sentry_sink
