// Stores checkpoint documents on a thread of its own, so a slow fsync never stalls reading. Only
// the newest document handed over matters: one written while others arrived replaces them all,
// and stop() writes the last one before it returns.
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

  explicit CheckpointWriter(Put put, int64_t retry_ms = 1000);
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
  const int64_t retry_ms_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::optional<std::string> pending_;
  bool stopping_ = false;
  uint64_t stored_ = 0;
  std::thread thread_;
};

}  // namespace mlobs::tailed_files
