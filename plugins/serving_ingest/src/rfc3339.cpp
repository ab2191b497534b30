#include "rfc3339.h"

#include <limits>

namespace mlobs::serving_ingest {
namespace {

// Reads exactly `n` digits at `*pos`.
bool digits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

int64_t Timestamp::unix_nanos_saturated() const {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (seconds > kMax / 1'000'000'000 - 1) return kMax;
  if (seconds < kMin / 1'000'000'000 + 1) return kMin;
  return seconds * 1'000'000'000 + nanos;
}

bool parse_rfc3339(std::string_view s, Timestamp* out) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!digits(s, &pos, 4, &year) || !expect(s, &pos, '-') || !digits(s, &pos, 2, &month) ||
      !expect(s, &pos, '-') || !digits(s, &pos, 2, &day)) {
    return false;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return false;
  ++pos;
  if (!digits(s, &pos, 2, &hour) || !expect(s, &pos, ':') || !digits(s, &pos, 2, &minute) ||
      !expect(s, &pos, ':') || !digits(s, &pos, 2, &second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return false;
  }
  int32_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const size_t first = pos;
    int32_t scale = 100'000'000;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      nanos += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == first) return false;
  }
  int offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om;
    if (!digits(s, &pos, 2, &oh) || !expect(s, &pos, ':') || !digits(s, &pos, 2, &om) || oh > 23 ||
        om > 59) {
      return false;
    }
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  const int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  out->seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  out->nanos = nanos;
  return true;
}

}  // namespace mlobs::serving_ingest
