#include "pipeline/ack_tracker.h"

namespace mlobs::agent {

AckToken::~AckToken() {
  if (tracker_) tracker_->complete(sequence_, failed_);
}

uint64_t AckTracker::next_sequence() {
  std::lock_guard<std::mutex> lock(mu_);
  return ++issued_;
}

void AckTracker::complete(uint64_t sequence, bool failed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (failed) {
    // A lost batch must never be acknowledged, nor anything after it (checkpoints are offsets).
    blocked_ = true;
    return;
  }
  if (blocked_) return;
  done_out_of_order_.insert(sequence);
  while (!done_out_of_order_.empty() && *done_out_of_order_.begin() == contiguous_ + 1) {
    done_out_of_order_.erase(done_out_of_order_.begin());
    ++contiguous_;
  }
}

uint64_t AckTracker::take_acknowledged() {
  std::lock_guard<std::mutex> lock(mu_);
  if (contiguous_ == taken_) return 0;
  taken_ = contiguous_;
  return taken_;
}

}  // namespace mlobs::agent
