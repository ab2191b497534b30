#include "freshness_settings.h"

namespace mlobs::freshness {

std::optional<std::string> FreshnessSettings::validate() const {
  if (threshold_ns <= 0) return "\"threshold\" must be positive";
  if (interval_ns <= 0) return "\"interval\" must be positive";
  if (max_datasets <= 0) return "\"max_datasets\" must be positive";
  return std::nullopt;
}

Status read_settings(const Config& config, FreshnessSettings* out) {
  FreshnessSettings s;
  // DURATION keys arrive as milliseconds; kept in nanoseconds, as the host clock is.
  auto duration_ns = [&](const char* key, int64_t* ns) {
    const int64_t ms = config.get_duration_ms(key, *ns / kNanosPerMilli);
    return !__builtin_mul_overflow(ms, kNanosPerMilli, ns);
  };
  if (!duration_ns("threshold", &s.threshold_ns)) {
    return Status::InvalidArgument("\"threshold\" is too long");
  }
  if (!duration_ns("interval", &s.interval_ns)) {
    return Status::InvalidArgument("\"interval\" is too long");
  }
  s.max_datasets = config.get_int("max_datasets", s.max_datasets);
  if (auto problem = s.validate()) return Status::InvalidArgument(*problem);
  *out = s;
  return Status::Ok();
}

}  // namespace mlobs::freshness
