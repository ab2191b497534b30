// What the agent itself has to tell an operator, as events a pipeline can route like any record
// (the built-in `agent_events` source turns them into `error` records, so a sentry sink sees
// them): an input sent to the dead-letter output, a component that failed and is restarted.
// Bounded: past the capacity the oldest events are dropped and counted. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace mlobs::agent {

struct AgentEvent {
  std::string category;  // "dead_letter" or "plugin_failure"
  std::string level;     // "warning" or "error"
  std::string component;
  std::string reason;    // a short stable label
  std::string message;
  std::string detail;
  std::string record_kind;  // of the record concerned, when there is one
  std::string record_id;
  int64_t unix_nanos = 0;
};

class AgentEvents {
 public:
  explicit AgentEvents(size_t capacity = 10000) : capacity_(capacity) {}

  void publish(AgentEvent event);
  // Up to `max` of the oldest events, removed.
  std::vector<AgentEvent> take(size_t max);
  uint64_t dropped() const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<AgentEvent> events_;
  uint64_t dropped_ = 0;
};

}  // namespace mlobs::agent
