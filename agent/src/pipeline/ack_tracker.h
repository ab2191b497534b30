// End-to-end acknowledgements. A source batch gets one AckToken; every batch derived from it
// (fan-out copies, processor output) holds a reference. A sink that accepted a batch (or sent
// it to the dead-letter output) drops its references; a batch dropped on shutdown marks the
// token failed first. When the last reference goes and the token never failed, the batch
// counts as delivered. The tracker hands the source contiguous sequence numbers in order, so a
// checkpoint never skips a batch that is still in flight.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>

namespace mlobs::agent {

class AckTracker;

class AckToken {
 public:
  AckToken(std::shared_ptr<AckTracker> tracker, uint64_t sequence)
      : tracker_(std::move(tracker)), sequence_(sequence) {}
  ~AckToken();
  AckToken(const AckToken&) = delete;
  AckToken& operator=(const AckToken&) = delete;

  // The records did not reach every sink: never acknowledge this batch.
  void fail() { failed_ = true; }
  uint64_t sequence() const { return sequence_; }

 private:
  std::shared_ptr<AckTracker> tracker_;
  uint64_t sequence_;
  bool failed_ = false;
};

class AckTracker {
 public:
  // Sequences start at 1.
  AckTracker() = default;

  // The next sequence number for a new source batch.
  uint64_t next_sequence();
  // Called by the token: the batch was delivered (or failed: it then blocks every later one).
  void complete(uint64_t sequence, bool failed);
  // The highest sequence up to which every batch was delivered and not yet taken; 0 if none.
  uint64_t take_acknowledged();

 private:
  std::mutex mu_;
  uint64_t issued_ = 0;
  uint64_t contiguous_ = 0;  // every sequence <= this one is delivered
  uint64_t taken_ = 0;
  bool blocked_ = false;
  std::set<uint64_t> done_out_of_order_;
};

}  // namespace mlobs::agent
