#include "dedup_window.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::serving_ingest {
namespace {

constexpr int64_t kMinute = 60'000'000'000;

Timestamp at_minute(int64_t m) { return Timestamp{m * 60, 0}; }

DedupWindow::Verdict check(DedupWindow& d, const std::string& dep, int64_t start_minute) {
  return d.check(dep, "/predict", at_minute(start_minute), at_minute(start_minute + 1));
}

TEST(DedupWindowTest, DropsDuplicatesOfTheFullKey) {
  DedupWindow d(60 * kMinute, 100);
  EXPECT_EQ(check(d, "dep-1", 0), DedupWindow::Verdict::kNew);
  EXPECT_EQ(check(d, "dep-1", 0), DedupWindow::Verdict::kDuplicate);
  EXPECT_EQ(check(d, "dep-2", 0), DedupWindow::Verdict::kNew);
  EXPECT_EQ(check(d, "dep-1", 1), DedupWindow::Verdict::kNew);
  EXPECT_EQ(d.check("dep-1", "/other", at_minute(0), at_minute(1)), DedupWindow::Verdict::kNew);
  // Same start, other end: another window.
  EXPECT_EQ(d.check("dep-1", "/predict", at_minute(0), at_minute(5)), DedupWindow::Verdict::kNew);
  EXPECT_EQ(d.size(), 5u);
}

TEST(DedupWindowTest, SameInstantWrittenDifferentlyIsTheSameKey) {
  DedupWindow d(60 * kMinute, 100);
  EXPECT_EQ(d.check("a", "b", Timestamp{0, 0}, Timestamp{60, 0}), DedupWindow::Verdict::kNew);
  EXPECT_EQ(d.check("a", "b", Timestamp{0, 0}, Timestamp{60, 0}), DedupWindow::Verdict::kDuplicate);
  EXPECT_EQ(d.check("a", "b", Timestamp{0, 0}, Timestamp{60, 1}), DedupWindow::Verdict::kNew);
}

TEST(DedupWindowTest, ForgetsWindowsOlderThanTheHorizon) {
  DedupWindow d(10 * kMinute, 1000);
  EXPECT_EQ(check(d, "dep", 0), DedupWindow::Verdict::kNew);   // ends at minute 1
  EXPECT_EQ(check(d, "dep", 10), DedupWindow::Verdict::kNew);  // newest end 11: cutoff 1
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(check(d, "dep", 0), DedupWindow::Verdict::kDuplicate);  // on the edge: kept
  EXPECT_EQ(check(d, "dep", 11), DedupWindow::Verdict::kNew);       // cutoff 2
  EXPECT_EQ(d.size(), 2u);
  // Too old to judge: let through, not remembered.
  EXPECT_EQ(check(d, "dep", 0), DedupWindow::Verdict::kTooOld);
  EXPECT_EQ(d.size(), 2u);
}

TEST(DedupWindowTest, MaxEntriesIsAHardBoundEvictingOldestFirst) {
  DedupWindow d(1000 * kMinute, 3);
  for (int64_t m : {5, 1, 3, 4}) EXPECT_EQ(check(d, "dep", m), DedupWindow::Verdict::kNew);
  EXPECT_EQ(d.size(), 3u);
  // Minute 1 ended first, so it was the one forgotten.
  EXPECT_EQ(check(d, "dep", 5), DedupWindow::Verdict::kDuplicate);
  EXPECT_EQ(check(d, "dep", 4), DedupWindow::Verdict::kDuplicate);
  EXPECT_EQ(check(d, "dep", 3), DedupWindow::Verdict::kDuplicate);
  EXPECT_EQ(check(d, "dep", 1), DedupWindow::Verdict::kNew);
  EXPECT_EQ(d.size(), 3u);
}

TEST(DedupWindowTest, ManyKeysStayBounded) {
  DedupWindow d(5 * kMinute, 50);
  for (int64_t m = 0; m < 10000; ++m) check(d, "dep-" + std::to_string(m % 7), m);
  EXPECT_LE(d.size(), 50u);
  d.clear();
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(check(d, "dep-1", 0), DedupWindow::Verdict::kNew);
}

}  // namespace
}  // namespace mlobs::serving_ingest
