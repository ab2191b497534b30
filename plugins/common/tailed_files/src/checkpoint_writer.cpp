#include "mlobs/tailed_files/checkpoint_writer.h"

#include <chrono>
#include <utility>

namespace mlobs::tailed_files {

CheckpointWriter::CheckpointWriter(Put put, int64_t retry_ms)
    : put_(std::move(put)), retry_ms_(retry_ms), thread_([this] { run(); }) {}

CheckpointWriter::~CheckpointWriter() { stop(); }

void CheckpointWriter::submit(std::string document) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = std::move(document);
  }
  cv_.notify_one();
}

void CheckpointWriter::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

uint64_t CheckpointWriter::stored() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stored_;
}

void CheckpointWriter::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return pending_.has_value() || stopping_; });
    if (!pending_) return;  // stopping with nothing left
    std::string document = std::move(*pending_);
    pending_.reset();
    lock.unlock();
    const bool ok = put_(document);
    lock.lock();
    if (ok) {
      ++stored_;
      continue;
    }
    if (stopping_) return;  // the one attempt stop() promises was made
    if (!pending_) pending_ = std::move(document);  // a newer one, if any, wins
    cv_.wait_for(lock, std::chrono::milliseconds(retry_ms_), [&] { return stopping_; });
  }
}

}  // namespace mlobs::tailed_files
