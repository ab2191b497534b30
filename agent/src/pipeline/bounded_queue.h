// The edge between components: a bounded multi-producer, single-consumer queue of batches.
// A full queue blocks its producers (backpressure reaches the sources instead of memory
// growing). The queue ends when every producer has closed its side and it is drained.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace mlobs::agent {

template <class T>
class BoundedQueue {
 public:
  using Clock = std::chrono::steady_clock;

  BoundedQueue(size_t capacity, int producers) : capacity_(capacity), producers_(producers) {}

  // Blocks while full. Returns false (dropping nothing: the item is untouched) when aborted.
  bool push(T& item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_ || aborted_; });
    if (aborted_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  enum class PopResult { kItem, kTimeout, kEnded };

  // Waits until an item arrives, `deadline` passes, or the queue ends.
  PopResult pop_until(Clock::time_point deadline, T* out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait_until(lock, deadline, [&] { return !items_.empty() || ended(); });
    if (!items_.empty()) {
      *out = std::move(items_.front());
      items_.pop_front();
      not_full_.notify_all();
      return PopResult::kItem;
    }
    return ended() ? PopResult::kEnded : PopResult::kTimeout;
  }

  // One producer is done.
  void close_producer() {
    std::lock_guard<std::mutex> lock(mu_);
    if (producers_ > 0) --producers_;
    not_empty_.notify_all();
  }

  // Stops everything now: producers unblock with false, the consumer sees the end once the
  // remaining items are taken (drain_all()).
  void abort() {
    std::lock_guard<std::mutex> lock(mu_);
    aborted_ = true;
    producers_ = 0;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  std::deque<T> drain_all() {
    std::lock_guard<std::mutex> lock(mu_);
    std::deque<T> out;
    out.swap(items_);
    not_full_.notify_all();
    return out;
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }

 private:
  bool ended() const { return producers_ == 0; }

  const size_t capacity_;
  int producers_;
  bool aborted_ = false;
  mutable std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
};

}  // namespace mlobs::agent
