// A bound on how many distinct label sets each metric may hold. Label values come from the
// records (deployment ids, endpoints, model versions), so without a bound a misbehaving upstream
// could grow /metrics and the agent's memory without limit.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace mlobs::prometheus_sink {

class CardinalityGuard {
 public:
  // Called for every refused series; `first_for_metric` is true once per metric, so the caller
  // can count every drop but log only once.
  using DropFn = std::function<void(std::string_view metric, bool first_for_metric)>;

  CardinalityGuard(size_t max_series, DropFn on_drop)
      : max_series_(max_series), on_drop_(std::move(on_drop)) {}

  // May `metric`, which holds `current` series, create `wanted` more? Refusals are reported.
  bool admit(std::string_view metric, size_t current, size_t wanted = 1);

  size_t max_series() const { return max_series_; }

 private:
  size_t max_series_;
  DropFn on_drop_;
  std::set<std::string, std::less<>> reported_;  // metrics whose first drop was reported
};

}  // namespace mlobs::prometheus_sink
