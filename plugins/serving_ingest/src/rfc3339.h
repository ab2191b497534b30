// RFC 3339 timestamps ("2026-04-07T10:00:00Z", "2026-04-07T12:00:00.250+02:00").
#pragma once

#include <cstdint>
#include <string_view>

namespace mlobs::serving_ingest {

// An instant as seconds since the Unix epoch plus nanoseconds, so years past 2262 do not
// overflow and timestamps written with different offsets compare equal.
struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;

  // Nanoseconds since the epoch, saturated at the int64 range.
  int64_t unix_nanos_saturated() const;

  friend bool operator==(const Timestamp& a, const Timestamp& b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
  friend bool operator!=(const Timestamp& a, const Timestamp& b) { return !(a == b); }
  friend bool operator<(const Timestamp& a, const Timestamp& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
  }
};

// Strict RFC 3339 date-time: date and time separated by T (or t, or one space), seconds
// required, optional fraction (digits beyond nanoseconds are truncated), Z/z or +hh:mm/-hh:mm.
// Calendar ranges are checked (February 30 is refused); a leap second :60 is accepted.
bool parse_rfc3339(std::string_view text, Timestamp* out);

}  // namespace mlobs::serving_ingest
