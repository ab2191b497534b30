#include "known_datasets.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace mlobs::freshness {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kT0 = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z
using Take = KnownDatasets::TakeResult;

TEST(KnownDatasetsTest, TheNewestBuildWinsWhateverTheOrder) {
  KnownDatasets d(10);
  EXPECT_EQ(d.take("churn", "v2", kT0 + 60 * kSecond), Take::kAdded);
  EXPECT_EQ(d.take("churn", "v1", kT0), Take::kKept);  // older, arriving late
  EXPECT_EQ(d.all().at("churn").dataset_version, "v2");
  EXPECT_EQ(d.take("churn", "v3", kT0 + 120 * kSecond), Take::kReplaced);
  EXPECT_EQ(d.all().at("churn").dataset_version, "v3");
  EXPECT_EQ(d.all().at("churn").built_at_ns, kT0 + 120 * kSecond);
}

TEST(KnownDatasetsTest, TheSameBuildAgainChangesNothing) {
  KnownDatasets d(10);
  d.take("churn", "v1", kT0);
  EXPECT_EQ(d.take("churn", "v1", kT0), Take::kKept);
  EXPECT_EQ(d.take("churn", "v1b", kT0), Take::kReplaced);  // same instant, another version
}

TEST(KnownDatasetsTest, NewNamesPastTheCapAreRefusedKnownOnesStillUpdate) {
  KnownDatasets d(1);
  d.take("a", "v1", kT0);
  EXPECT_EQ(d.take("b", "v1", kT0), Take::kFull);
  EXPECT_EQ(d.take("a", "v2", kT0 + kSecond), Take::kReplaced);
  EXPECT_EQ(d.size(), 1u);
}

TEST(KnownDatasetsTest, EncodeDecodeRoundTrips) {
  KnownDatasets d(10);
  d.take("churn", "20260407_100000", kT0 + 250'000'000);
  d.take("ads \"q\"", "v9", kT0 - 3600 * kSecond);
  EXPECT_EQ(
      d.encode(),
      R"({"ads \"q\"":{"dataset_version":"v9","built_at":"2026-04-07T09:00:00Z"},)"
      R"("churn":{"dataset_version":"20260407_100000","built_at":"2026-04-07T10:00:00.25Z"}})");
  KnownDatasets back(10);
  back.decode(d.encode());
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back.all().at("churn").dataset_version, "20260407_100000");
  EXPECT_EQ(back.all().at("churn").built_at_ns, kT0 + 250'000'000);
  EXPECT_EQ(back.all().at("ads \"q\"").built_at_ns, kT0 - 3600 * kSecond);
}

TEST(KnownDatasetsTest, DecodeLeavesOutWhatItCannotRead) {
  KnownDatasets d(10);
  d.take("old", "v1", kT0);
  d.decode("not json");
  EXPECT_EQ(d.size(), 0u);
  d.decode(R"({"ok":{"dataset_version":"v1","built_at":"2026-04-07T10:00:00Z"},)"
           R"("bad_time":{"dataset_version":"v1","built_at":"yesterday"},)"
           R"("no_version":{"built_at":"2026-04-07T10:00:00Z"},"not_object":3})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.all().count("ok"), 1u);
}

TEST(KnownDatasetsTest, DecodeTakesAtMostTheCap) {
  KnownDatasets d(1);
  d.decode(R"({"a":{"dataset_version":"v1","built_at":"2026-04-07T10:00:00Z"},)"
           R"("b":{"dataset_version":"v1","built_at":"2026-04-07T10:00:00Z"}})");
  EXPECT_EQ(d.size(), 1u);
}

}  // namespace
}  // namespace mlobs::freshness
