#include "pipeline/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace mlobs::agent {
namespace {

using Queue = BoundedQueue<int>;
auto soon() { return Queue::Clock::now() + std::chrono::seconds(5); }

TEST(BoundedQueue, DeliversInOrderAndEndsWhenEveryProducerClosed) {
  Queue q(4, 2);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(q.push(i));
  q.close_producer();
  int v = -1;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(q.pop_until(soon(), &v), Queue::PopResult::kItem);
    EXPECT_EQ(v, i);
  }
  EXPECT_EQ(q.pop_until(Queue::Clock::now(), &v), Queue::PopResult::kTimeout)
      << "one producer is still open";
  q.close_producer();
  EXPECT_EQ(q.pop_until(soon(), &v), Queue::PopResult::kEnded);
}

TEST(BoundedQueue, AFullQueueBlocksTheProducerUntilTheConsumerTakes) {
  Queue q(1, 1);
  int first = 1;
  ASSERT_TRUE(q.push(first));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    int second = 2;
    q.push(second);
    pushed = true;
  });
  // The producer cannot finish while the queue is full; it can once an item is taken.
  EXPECT_FALSE(pushed.load());
  int v = 0;
  ASSERT_EQ(q.pop_until(soon(), &v), Queue::PopResult::kItem);
  ASSERT_EQ(q.pop_until(soon(), &v), Queue::PopResult::kItem);
  EXPECT_EQ(v, 2);
  producer.join();
  EXPECT_TRUE(pushed.load());
}

TEST(BoundedQueue, AbortReleasesABlockedProducerWithoutTakingItsItem) {
  Queue q(1, 1);
  int first = 1;
  ASSERT_TRUE(q.push(first));
  std::atomic<int> result{-1};
  std::thread producer([&] {
    int second = 2;
    result = q.push(second) ? 1 : 0;
  });
  q.abort();
  producer.join();
  EXPECT_EQ(result.load(), 0);
  EXPECT_EQ(q.drain_all().size(), 1u);
}

}  // namespace
}  // namespace mlobs::agent
