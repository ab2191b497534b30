#include "pipeline/ack_tracker.h"

#include <gtest/gtest.h>

#include <memory>

namespace mlobs::agent {
namespace {

TEST(AckTracker, AcknowledgesOnlyAContiguousPrefix) {
  auto tracker = std::make_shared<AckTracker>();
  auto t1 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  auto t2 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  auto t3 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  t2.reset();
  t3.reset();
  EXPECT_EQ(tracker->take_acknowledged(), 0u) << "batch 1 is still in flight";
  t1.reset();
  EXPECT_EQ(tracker->take_acknowledged(), 3u);
  EXPECT_EQ(tracker->take_acknowledged(), 0u) << "nothing new";
}

TEST(AckTracker, ATokenSharedByManyBatchesCompletesWhenTheLastOneGoes) {
  auto tracker = std::make_shared<AckTracker>();
  auto token = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  auto copy_for_second_sink = token;
  token.reset();
  EXPECT_EQ(tracker->take_acknowledged(), 0u);
  copy_for_second_sink.reset();
  EXPECT_EQ(tracker->take_acknowledged(), 1u);
}

TEST(AckTracker, AFailedBatchBlocksItAndEverythingAfterIt) {
  auto tracker = std::make_shared<AckTracker>();
  auto t1 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  auto t2 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  auto t3 = std::make_shared<AckToken>(tracker, tracker->next_sequence());
  t1.reset();
  t2->fail();
  t2.reset();
  t3.reset();
  EXPECT_EQ(tracker->take_acknowledged(), 1u);
  EXPECT_EQ(tracker->take_acknowledged(), 0u);
}

}  // namespace
}  // namespace mlobs::agent
