#include "telemetry/agent_events.h"

#include <algorithm>

namespace mlobs::agent {

void AgentEvents::publish(AgentEvent event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (capacity_ == 0) {
    ++dropped_;
    return;
  }
  if (events_.size() >= capacity_) {
    events_.pop_front();
    ++dropped_;
  }
  events_.push_back(std::move(event));
}

std::vector<AgentEvent> AgentEvents::take(size_t max) {
  std::lock_guard<std::mutex> lock(mu_);
  const size_t n = std::min(max, events_.size());
  std::vector<AgentEvent> out(std::make_move_iterator(events_.begin()),
                              std::make_move_iterator(events_.begin() + static_cast<std::ptrdiff_t>(n)));
  events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(n));
  return out;
}

uint64_t AgentEvents::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_;
}

}  // namespace mlobs::agent
