// Waiting on a condition with a deadline: the one way integration tests wait for something that
// no event announces (an HTTP endpoint flipping, a counter reaching a value). Never a bare sleep.
#pragma once

#include <chrono>
#include <thread>

namespace mlobs::integration {

// Generous, so a loaded machine or a sanitizer build stays green; a passing run never waits it out.
inline constexpr std::chrono::milliseconds kDeadline{20000};

// Polls `condition` until it returns true (-> true) or `timeout` passes (-> false). The interval
// bounds how late a change is noticed, not whether it is.
template <class Condition>
bool wait_for(Condition&& condition, std::chrono::milliseconds timeout = kDeadline,
              std::chrono::milliseconds interval = std::chrono::milliseconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace mlobs::integration
