// What Sentry says when it wants less: `X-Sentry-Rate-Limits` (per data category) and
// `Retry-After`, remembered per category until the limit runs out, so the sink holds back
// instead of knocking on a door that said "stop". Format of the header
// (https://develop.sentry.dev/sdk/expected-features/rate-limiting/):
//   <seconds>:<category>[;<category>...]:<scope>[:<reason>][, ...]
// where an empty category list means every category.
#pragma once

#include "millis_clock.h"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::sentry_sink {

struct RateLimit {
  int64_t retry_after_ms = 0;
  std::vector<std::string> categories;  // empty: all
  std::string scope;                    // organization | project | key
  std::string reason;                   // optional
};

// The entries of an X-Sentry-Rate-Limits value; malformed entries are left out.
std::vector<RateLimit> parse_rate_limits(std::string_view header);

// A Retry-After value in seconds (a fraction allowed) as milliseconds; nullopt for anything
// else (an HTTP date included: Sentry sends seconds).
std::optional<int64_t> parse_retry_after_ms(std::string_view header);

class RateLimits {
 public:
  // What a 429 without either header means: everything waits a minute (as Sentry's SDKs do).
  static constexpr int64_t kDefaultRetryAfterMs = 60000;

  explicit RateLimits(MillisClock now) : now_(std::move(now)) {}

  // Takes in the headers of one response. X-Sentry-Rate-Limits wins over Retry-After; a 429
  // that has neither limits every category for kDefaultRetryAfterMs. A limit never shortens a
  // longer one already known.
  void update(int http_status, std::optional<std::string_view> rate_limits_header,
              std::optional<std::string_view> retry_after_header);

  // Milliseconds until none of `categories` is limited; 0 when they are free now.
  int64_t wait_ms(std::initializer_list<std::string_view> categories) const;
  // The same for an error event, which counts against the categories "error" and "default".
  int64_t event_wait_ms() const { return wait_ms({"error", "default"}); }

 private:
  void limit(const std::string& category, int64_t until_ms);

  MillisClock now_;
  std::map<std::string, int64_t, std::less<>> until_ms_;  // "" stands for every category
};

}  // namespace mlobs::sentry_sink
