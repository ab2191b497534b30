// The dead-letter output: every rejected input, one JSON line each, with the component, the
// reason, context fields and the record when there is one. Also counts
// mlobs_records_rejected_total{component,reason}. Thread-safe.
#pragma once

#include "common/status.h"
#include "record/record.h"

#include <cstdio>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace mlobs::agent {

class AgentEvents;
class MetricsRegistry;

class DeadLetterOutput {
 public:
  using Field = std::pair<std::string_view, std::string_view>;
  // Observer for tests and the SDK harness; called under the lock with the JSON line.
  using Observer = std::function<void(std::string_view component, std::string_view reason,
                                      const Record* rec, std::span<const Field> fields)>;

  DeadLetterOutput(std::string path, MetricsRegistry* metrics,
                   std::function<int64_t()> clock);
  ~DeadLetterOutput();

  // Opens (appends to) the file, creating parent directories. An empty path keeps lines in
  // memory only (harness).
  Status open();
  void write(std::string_view component, std::string_view reason, const Record* rec,
             std::span<const Field> fields);
  void set_observer(Observer observer);
  // Each write also becomes an AgentEvent (except for records of kind "error": an alert that
  // could not be sent must not raise another alert about itself).
  void set_events(AgentEvents* events) { events_ = events; }
  void flush();
  uint64_t count() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  MetricsRegistry* metrics_;
  std::function<int64_t()> clock_;
  mutable std::mutex mu_;
  std::FILE* file_ = nullptr;
  uint64_t count_ = 0;
  Observer observer_;
  AgentEvents* events_ = nullptr;
};

}  // namespace mlobs::agent
