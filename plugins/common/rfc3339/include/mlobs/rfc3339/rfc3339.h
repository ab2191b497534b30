// RFC 3339 timestamps ("2026-04-07T10:00:00Z", "2026-04-07T12:00:00.250+02:00"), read strictly
// and written in UTC. Shared by every plugin that reads times from records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::rfc3339 {

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
// Calendar ranges are checked (February 30 is refused); a leap second :60 is accepted, as the
// first second of the next minute.
bool parse(std::string_view text, Timestamp* out);

// The same as Unix nanoseconds; nullopt when malformed or outside what int64 nanoseconds hold
// (years 1678..2262).
std::optional<int64_t> parse_unix_nanos(std::string_view text);

// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; the fraction only when non-zero, without trailing zeros.
std::string format_utc(int64_t unix_nanos);

}  // namespace mlobs::rfc3339
