// Stores checkpoint documents on a thread of its own, so an fsync does not stall reading. Only
// the newest document handed over matters: one written while others arrived replaces them all,
// and stop() writes the last one before it returns. Reading may run at most `max_unstored`
// documents ahead of the last one stored (submit() waits), which bounds what a kill -9 makes a
// restart read again; while writes fail, nothing waits.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace mlobs::tailed_files {

class CheckpointWriter {
 public:
  // `put` stores one document durably and returns false on failure (it reports why itself);
  // a failed document is tried again after `retry_ms` unless a newer one replaced it.
  using Put = std::function<bool(const std::string& document)>;

  explicit CheckpointWriter(Put put, uint64_t max_unstored = 8, int64_t retry_ms = 1000);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

  void submit(std::string document);
  // Writes what is still pending (one attempt), then ends the thread. Idempotent.
  void stop();

  // How many documents were stored (tests).
  uint64_t stored() const;

 private:
  void run();

  Put put_;
  const uint64_t max_unstored_;
  const int64_t retry_ms_;
  mutable std::mutex mu_;
  std::condition_variable cv_;  // the writer and waiting submitters
  std::optional<std::string> pending_;
  uint64_t pending_number_ = 0;  // documents are numbered 1, 2, ... as they are submitted
  uint64_t submitted_ = 0;
  uint64_t stored_number_ = 0;  // the newest document stored
  bool failing_ = false;        // the last write failed
  bool stopping_ = false;
  uint64_t stored_ = 0;
  std::thread thread_;
};

}  // namespace mlobs::tailed_files
