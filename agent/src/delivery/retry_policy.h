// When a sink tries a batch again: exponential backoff with full jitter (a random wait between
// zero and the current ceiling, which doubles per failure up to a maximum), so agents that lost
// the same backend do not all come back at the same instant; never sooner than the backend
// asked (Retry-After, a rate limit).
#pragma once

#include <cstdint>
#include <random>

namespace mlobs::agent {

class RetryPolicy {
 public:
  RetryPolicy(int64_t initial_ms, int64_t max_ms, uint64_t seed);

  // The wait before the next attempt after one more failure; at least `at_least_ms`.
  int64_t next_delay_ms(int64_t at_least_ms = 0);
  // A success: the next failure starts from the initial ceiling again.
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }
  // The ceiling the next failure draws under.
  int64_t ceiling_ms() const;

 private:
  int64_t initial_ms_;
  int64_t max_ms_;
  int failures_ = 0;
  std::mt19937_64 random_;
};

}  // namespace mlobs::agent
