#include "rate_limits.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace mlobs::sentry_sink {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits on `sep` without dropping empty parts ("a::b" has an empty middle).
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

// Non-negative decimal seconds ("60", "2.5") as milliseconds, rounded up.
std::optional<int64_t> seconds_to_ms(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 32) return std::nullopt;
  bool dot = false;
  for (const char c : text) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  const double seconds = std::strtod(std::string(text).c_str(), nullptr);
  if (!std::isfinite(seconds) || seconds > 366.0 * 24 * 3600) return std::nullopt;
  return static_cast<int64_t>(std::ceil(seconds * 1000));
}

}  // namespace

std::vector<RateLimit> parse_rate_limits(std::string_view header) {
  std::vector<RateLimit> limits;
  for (std::string_view entry : split(header, ',')) {
    entry = trim(entry);
    if (entry.empty()) continue;
    const std::vector<std::string_view> fields = split(entry, ':');
    if (fields.size() < 2) continue;
    const std::optional<int64_t> ms = seconds_to_ms(fields[0]);
    if (!ms) continue;
    RateLimit limit;
    limit.retry_after_ms = *ms;
    for (std::string_view category : split(fields[1], ';')) {
      category = trim(category);
      if (!category.empty()) limit.categories.emplace_back(category);
    }
    if (fields.size() > 2) limit.scope = std::string(trim(fields[2]));
    if (fields.size() > 3) limit.reason = std::string(trim(fields[3]));
    limits.push_back(std::move(limit));
  }
  return limits;
}

std::optional<int64_t> parse_retry_after_ms(std::string_view header) {
  return seconds_to_ms(header);
}

void RateLimits::limit(const std::string& category, int64_t until_ms) {
  int64_t& until = until_ms_[category];
  until = std::max(until, until_ms);
}

void RateLimits::update(int http_status, std::optional<std::string_view> rate_limits_header,
                        std::optional<std::string_view> retry_after_header) {
  const int64_t now = now_();
  // Forget what ran out, so the map holds only live limits.
  for (auto it = until_ms_.begin(); it != until_ms_.end();) {
    it = it->second <= now ? until_ms_.erase(it) : std::next(it);
  }
  if (rate_limits_header) {
    for (const RateLimit& l : parse_rate_limits(*rate_limits_header)) {
      if (l.categories.empty()) limit("", now + l.retry_after_ms);
      for (const std::string& category : l.categories) limit(category, now + l.retry_after_ms);
    }
    return;
  }
  if (http_status != 429) return;
  std::optional<int64_t> ms;
  if (retry_after_header) ms = parse_retry_after_ms(*retry_after_header);
  limit("", now + ms.value_or(kDefaultRetryAfterMs));
}

int64_t RateLimits::wait_ms(std::initializer_list<std::string_view> categories) const {
  const int64_t now = now_();
  int64_t until = 0;
  auto consider = [&](std::string_view category) {
    const auto it = until_ms_.find(category);
    if (it != until_ms_.end()) until = std::max(until, it->second);
  };
  consider("");
  for (std::string_view category : categories) consider(category);
  return std::max<int64_t>(0, until - now);
}

}  // namespace mlobs::sentry_sink
