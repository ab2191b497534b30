#include "delivery/retry_policy.h"

#include <algorithm>

namespace mlobs::agent {

RetryPolicy::RetryPolicy(int64_t initial_ms, int64_t max_ms, uint64_t seed)
    : initial_ms_(std::max<int64_t>(1, initial_ms)),
      max_ms_(std::max(initial_ms_, max_ms)),
      random_(seed) {}

int64_t RetryPolicy::ceiling_ms() const {
  int64_t ceiling = initial_ms_;
  for (int i = 0; i < failures_ && ceiling < max_ms_; ++i) ceiling *= 2;
  return std::min(ceiling, max_ms_);
}

int64_t RetryPolicy::next_delay_ms(int64_t at_least_ms) {
  const int64_t ceiling = ceiling_ms();
  failures_ = std::min(failures_ + 1, 62);
  std::uniform_int_distribution<int64_t> draw(0, ceiling);
  return std::max(draw(random_), at_least_ms);
}

}  // namespace mlobs::agent
