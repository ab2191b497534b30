// The freshness configuration. Defaults here are the ones the README and the plugin schema list.
#pragma once

#include <cstdint>
#include <mlobs/plugin.hpp>
#include <optional>
#include <string>

namespace mlobs::freshness {

inline constexpr int64_t kNanosPerMilli = 1'000'000;
inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

struct FreshnessSettings {
  int64_t threshold_ns = 1800 * kNanosPerSecond;  // older than this: STALE
  int64_t interval_ns = 60 * kNanosPerSecond;     // every dataset is reported this often
  int64_t max_datasets = 10'000;                  // beyond: builds of new names are skipped

  // A message naming the first unusable value; nullopt when all are usable.
  std::optional<std::string> validate() const;
};

// Reads the keys (absent keys keep their defaults) and validates them.
Status read_settings(const Config& config, FreshnessSettings* out);

}  // namespace mlobs::freshness
