#include "deployment_window_history.h"

#include <gtest/gtest.h>

#include "window_builder.h"

namespace mlobs::serving_health {
namespace {

using testing::kMinute;
using testing::window;
using AddResult = DeploymentWindowHistory::AddResult;

TEST(DeploymentWindowHistoryTest, KeepsOnlyTheEvaluationWindow) {
  DeploymentWindowHistory h(15 * kMinute);
  for (int64_t slot = 0; slot < 40; ++slot) EXPECT_EQ(h.add(window(slot)), AddResult::kAdded);
  // Windows ending after newest_end - 15m: slots 25..39.
  EXPECT_EQ(h.size(), 15u);
  EXPECT_EQ(h.windows().begin()->second.start_ns, window(25).start_ns);
  EXPECT_EQ(h.newest().start_ns, window(39).start_ns);
  EXPECT_EQ(h.add(window(24)), AddResult::kTooOld);
  EXPECT_EQ(h.size(), 15u);
}

TEST(DeploymentWindowHistoryTest, SameStartAndEndpointReplaces) {
  DeploymentWindowHistory h(15 * kMinute);
  EXPECT_EQ(h.add(window(0, 100, 1)), AddResult::kAdded);
  EXPECT_EQ(h.add(window(0, 100, 7)), AddResult::kReplaced);
  EXPECT_EQ(h.add(window(0, 100, 0, 50, 80, "/other")), AddResult::kAdded);
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.windows().at({window(0).start_ns, "/predict"}).error_count, 7);
}

TEST(DeploymentWindowHistoryTest, HardCapDropsOldest) {
  DeploymentWindowHistory h(1000 * kMinute, 4);
  for (int64_t slot = 0; slot < 10; ++slot) h.add(window(slot));
  EXPECT_EQ(h.size(), 4u);
  EXPECT_EQ(h.windows().begin()->second.start_ns, window(6).start_ns);
}

TEST(DeploymentWindowHistoryTest, CountsMissingSlotsBetweenWindows) {
  DeploymentWindowHistory h(15 * kMinute);
  h.add(window(0));
  EXPECT_EQ(h.missing_window_count(), 0);
  h.add(window(1));
  h.add(window(4));  // 2 and 3 missing
  EXPECT_EQ(h.missing_window_count(), 2);
  h.add(window(10));  // 5..9 missing
  EXPECT_EQ(h.missing_window_count(), 7);
  h.add(window(3));  // a late window fills its slot
  EXPECT_EQ(h.missing_window_count(), 6);
  // A second endpoint in the same slot is not a gap.
  h.add(window(10, 1, 0, 1, 1, "/other"));
  EXPECT_EQ(h.missing_window_count(), 6);
  EXPECT_EQ(h.window_length_ns(), kMinute);
}

TEST(DeploymentWindowHistoryTest, MissingSlotsForgetEvictedWindows) {
  DeploymentWindowHistory h(5 * kMinute);
  h.add(window(0));
  h.add(window(3));
  EXPECT_EQ(h.missing_window_count(), 2);
  h.add(window(6));  // window 0 leaves the evaluation window; 4 and 5 are missing
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.missing_window_count(), 2);
}

TEST(DeploymentWindowHistoryTest, NewestIsTheLatestEndThenTheLatestStart) {
  DeploymentWindowHistory h(15 * kMinute);
  WindowStats longer = window(0);
  longer.end_ns = window(1).end_ns;  // [slot 0, slot 2): ends with window(1)
  h.add(window(1));
  h.add(longer);
  EXPECT_EQ(h.newest().start_ns, window(1).start_ns);
  h.add(window(1, 1, 0, 1, 1, "/a"));  // same bounds: the later endpoint in key order wins
  EXPECT_EQ(h.newest().endpoint_name, "/predict");
  h.add(window(1, 1, 0, 1, 1, "/z"));
  EXPECT_EQ(h.newest().endpoint_name, "/z");
  WindowStats longest = window(0, 1, 0, 1, 1, "/b");
  longest.end_ns = window(5).end_ns;  // starts first, ends last
  h.add(longest);
  EXPECT_EQ(h.newest().endpoint_name, "/b");
  EXPECT_EQ(h.window_length_ns(), 6 * kMinute);
}

TEST(DeploymentWindowHistoryTest, ReplacingTheNewestWithAnEarlierEndHandsItOn) {
  DeploymentWindowHistory h(15 * kMinute);
  h.add(window(0));
  WindowStats long_first = window(1);
  long_first.end_ns = window(4).end_ns;
  h.add(long_first);
  h.add(window(2));
  EXPECT_EQ(h.newest().start_ns, window(1).start_ns);
  EXPECT_EQ(h.add(window(1)), AddResult::kReplaced);  // now [slot 1, slot 2)
  EXPECT_EQ(h.newest().start_ns, window(2).start_ns);
}

TEST(DeploymentWindowHistoryTest, HardCapMayDropTheNewest) {
  DeploymentWindowHistory h(1000 * kMinute, 2);
  WindowStats longest = window(0);
  longest.end_ns = window(10).end_ns;
  h.add(longest);
  h.add(window(1));
  EXPECT_EQ(h.newest().start_ns, window(0).start_ns);
  h.add(window(2));  // the cap drops the lowest start, which was the newest
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.newest().start_ns, window(2).start_ns);
}

TEST(DeploymentWindowHistoryTest, MovedHistoryKeepsItsNewest) {
  DeploymentWindowHistory h(15 * kMinute);
  h.add(window(0));
  h.add(window(1));
  DeploymentWindowHistory moved(std::move(h));
  EXPECT_EQ(moved.newest().start_ns, window(1).start_ns);
  DeploymentWindowHistory assigned(kMinute);
  assigned = std::move(moved);
  assigned.add(window(2));
  EXPECT_EQ(assigned.newest().start_ns, window(2).start_ns);
  EXPECT_EQ(assigned.size(), 3u);
}

}  // namespace
}  // namespace mlobs::serving_health
