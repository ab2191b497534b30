#include "mlobs/tailed_files/checkpoint_writer.h"

#include <chrono>
#include <utility>

namespace mlobs::tailed_files {

CheckpointWriter::CheckpointWriter(Put put, uint64_t max_unstored, int64_t retry_ms)
    : put_(std::move(put)),
      max_unstored_(max_unstored),
      retry_ms_(retry_ms),
      thread_([this] { run(); }) {}

CheckpointWriter::~CheckpointWriter() { stop(); }

void CheckpointWriter::submit(std::string document) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] {
      return submitted_ - stored_number_ < max_unstored_ || failing_ || stopping_;
    });
    pending_ = std::move(document);
    pending_number_ = ++submitted_;
  }
  cv_.notify_all();
}

void CheckpointWriter::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
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
    const uint64_t number = pending_number_;
    pending_.reset();
    lock.unlock();
    const bool ok = put_(document);
    lock.lock();
    failing_ = !ok;
    cv_.notify_all();  // submitters waiting for room, or no longer to wait while failing
    if (ok) {
      stored_number_ = number;
      ++stored_;
      continue;
    }
    if (stopping_) return;  // the one attempt stop() promises was made
    if (!pending_) {  // a newer one, if any, wins
      pending_ = std::move(document);
      pending_number_ = number;
    }
    cv_.wait_for(lock, std::chrono::milliseconds(retry_ms_), [&] { return stopping_; });
  }
}

}  // namespace mlobs::tailed_files
