// The freshness processor driven through the SDK harness with an injected clock.
#include <gtest/gtest.h>
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t k10h = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z

std::string build(const std::string& name, const std::string& version,
                  const std::string& built_at) {
  return R"({"dataset_name":")" + name + R"(","dataset_version":")" + version +
         R"(","path":"/data/)" + name + R"(.parquet","built_at":")" + built_at +
         R"(","row_count":10})";
}

struct Parsed {
  rapidjson::Document doc;
  std::string kind() const { return doc["kind"].GetString(); }
  std::string id() const { return doc["id"].GetString(); }
  std::string body(const char* key) const { return doc["body"][key].GetString(); }
  double body_number(const char* key) const { return doc["body"][key].GetDouble(); }
};

std::unique_ptr<Parsed> parse(const std::string& json) {
  auto p = std::make_unique<Parsed>();
  p->doc.Parse(json.c_str());
  EXPECT_FALSE(p->doc.HasParseError()) << json;
  return p;
}

// The freshness records among `out`, in order.
std::vector<std::unique_ptr<Parsed>> freshness(const std::vector<std::string>& out) {
  std::vector<std::unique_ptr<Parsed>> records;
  for (const std::string& json : out) {
    auto p = parse(json);
    if (p->kind() == "freshness") records.push_back(std::move(p));
  }
  return records;
}

class FreshnessTest : public ::testing::Test {
 protected:
  std::unique_ptr<Harness> harness() {
    auto h = std::make_unique<Harness>(data_.str());
    std::string error;
    EXPECT_TRUE(h->load_plugin(PLUGIN_PATH, &error)) << error;
    h->set_clock([this] { return now_; });
    return h;
  }

  std::unique_ptr<Component> start(Harness& h, const std::string& settings = "{}") {
    CallResult result;
    auto c = h.start("freshness", settings, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

  std::vector<std::string> feed(Component& c, const std::vector<std::string>& bodies) {
    CallResult result;
    auto out = c.process(bodies, &result, "dataset_build");
    EXPECT_TRUE(result.ok()) << result.message;
    return out;
  }

  TempDir data_{"freshness_test"};
  int64_t now_ = k10h + 10 * kMinute;
};

TEST_F(FreshnessTest, ABuildIsReportedAtOnceAndPassesThrough) {
  auto h = harness();
  auto c = start(*h);
  const auto out = feed(*c, {build("churn", "v1", "2026-04-07T10:00:00Z")});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(parse(out[0])->kind(), "dataset_build");  // passes through, first
  EXPECT_EQ(parse(out[0])->body("dataset_name"), "churn");
  const auto f = freshness(out);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->id(), "freshness:churn:2026-04-07T10:10:00Z");
  EXPECT_EQ(f[0]->body("dataset_name"), "churn");
  EXPECT_EQ(f[0]->body("dataset_version"), "v1");
  EXPECT_EQ(f[0]->body("built_at"), "2026-04-07T10:00:00Z");
  EXPECT_DOUBLE_EQ(f[0]->body_number("freshness_seconds"), 600);
  EXPECT_EQ(f[0]->body("status"), "FRESH");
  EXPECT_DOUBLE_EQ(f[0]->body_number("threshold_seconds"), 1800);
  EXPECT_EQ(f[0]->body("evaluated_at"), "2026-04-07T10:10:00Z");
}

TEST_F(FreshnessTest, GoesStaleOnATickWithoutNewInput) {
  auto h = harness();
  auto c = start(*h);
  feed(*c, {build("churn", "v1", "2026-04-07T10:00:00Z")});
  now_ = k10h + 30 * kMinute;  // exactly the threshold: still fresh
  CallResult result;
  auto f = freshness(c->tick(&result));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body("status"), "FRESH");
  now_ = k10h + 30 * kMinute + 500'000'999;  // stamped to the millisecond
  f = freshness(c->tick(&result));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body("status"), "STALE");
  EXPECT_DOUBLE_EQ(f[0]->body_number("freshness_seconds"), 1800.5);
  EXPECT_EQ(f[0]->body("evaluated_at"), "2026-04-07T10:30:00.5Z");
  EXPECT_EQ(f[0]->id(), "freshness:churn:2026-04-07T10:30:00.5Z");
}

TEST_F(FreshnessTest, TheNewestBuildWinsAndEachDatasetIsReportedOncePerBatch) {
  auto h = harness();
  auto c = start(*h);
  const auto f = freshness(feed(
      *c, {build("churn", "v2", "2026-04-07T10:05:00Z"), build("ads", "a1", "2026-04-07T09:00:00Z"),
           build("churn", "v1", "2026-04-07T10:00:00Z")}));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]->body("dataset_name"), "ads");
  EXPECT_EQ(f[1]->body("dataset_name"), "churn");
  EXPECT_EQ(f[1]->body("dataset_version"), "v2");
  EXPECT_DOUBLE_EQ(f[1]->body_number("freshness_seconds"), 300);

  // An older build arriving later does not replace it either.
  auto later = freshness(feed(*c, {build("churn", "v0", "2026-04-07T09:59:00Z")}));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]->body("dataset_version"), "v2");
  later = freshness(feed(*c, {build("churn", "v3", "2026-04-07T12:07:00+02:00")}));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]->body("dataset_version"), "v3");
  EXPECT_EQ(later[0]->body("built_at"), "2026-04-07T10:07:00Z");  // normalised to UTC
  EXPECT_DOUBLE_EQ(later[0]->body_number("freshness_seconds"), 180);
}

TEST_F(FreshnessTest, ABuildInTheFutureIsZeroSecondsOld) {
  auto h = harness();
  auto c = start(*h);
  const auto f = freshness(feed(*c, {build("churn", "v1", "2026-04-07T11:00:00Z")}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body_number("freshness_seconds"), 0);
  EXPECT_EQ(f[0]->body("status"), "FRESH");
}

TEST_F(FreshnessTest, UnusableBuildsPassThroughAndAreCountedNotTracked) {
  auto h = harness();
  auto c = start(*h);
  const auto out = feed(*c, {build("churn", "v1", "yesterday"), build("churn", "v1", ""),
                             R"({"dataset_version":"v1","built_at":"2026-04-07T10:00:00Z"})",
                             R"({"dataset_name":"x","built_at":1775556000})"});
  EXPECT_EQ(out.size(), 4u);
  EXPECT_TRUE(freshness(out).empty());
  EXPECT_TRUE(freshness(c->tick()).empty());
  EXPECT_EQ(h->metric_value("mlobs_freshness_skipped_total",
                            {{"component", "under_test"}, {"reason", "bad_built_at"}}),
            3);
  EXPECT_EQ(h->metric_value("mlobs_freshness_skipped_total",
                            {{"component", "under_test"}, {"reason", "missing_dataset_name"}}),
            1);
  EXPECT_EQ(h->metric_value("mlobs_freshness_tracked_datasets", {{"component", "under_test"}}), 0);
}

TEST_F(FreshnessTest, OtherKindsPassThroughUnchanged) {
  auto h = harness();
  auto c = start(*h);
  const std::vector<std::string> input = {
      R"({"kind":"training_run","id":"t","source":"s","observed_at":"2026-04-07T10:00:01Z",)"
      R"("request_id":"r","body":{"dataset_name":"churn","built_at":"2026-04-07T10:00:00Z"}})",
  };
  CallResult result;
  EXPECT_EQ(c->process(input, &result), input);
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(FreshnessTest, DatasetsPastTheCapAreCounted) {
  auto h = harness();
  auto c = start(*h, "{max_datasets: 1}");
  const auto f = freshness(feed(
      *c, {build("a", "v1", "2026-04-07T10:00:00Z"), build("b", "v1", "2026-04-07T10:00:00Z")}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body("dataset_name"), "a");
  EXPECT_EQ(freshness(c->tick()).size(), 1u);
  EXPECT_EQ(h->metric_value("mlobs_freshness_skipped_total",
                            {{"component", "under_test"}, {"reason", "too_many_datasets"}}),
            1);
}

TEST_F(FreshnessTest, FlushReportsEveryDatasetAgainstTheClock) {
  auto h = harness();
  auto c = start(*h);
  feed(*c, {build("a", "v1", "2026-04-07T09:00:00Z"), build("b", "v1", "2026-04-07T10:05:00Z")});
  CallResult result;
  const auto f = freshness(c->flush(&result));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]->body("status"), "STALE");
  EXPECT_EQ(f[1]->body("status"), "FRESH");
}

TEST_F(FreshnessTest, ARestartStillReportsTheDatasetsSeenBefore) {
  {
    auto h = harness();
    auto c = start(*h);
    feed(*c, {build("churn", "v2", "2026-04-07T10:00:00Z")});
  }
  now_ = k10h + 45 * kMinute;
  auto h = harness();  // a new process on the same data_dir, no new input
  auto c = start(*h);
  const auto f = freshness(c->tick());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body("dataset_name"), "churn");
  EXPECT_EQ(f[0]->body("dataset_version"), "v2");
  EXPECT_EQ(f[0]->body("status"), "STALE");
  EXPECT_DOUBLE_EQ(f[0]->body_number("freshness_seconds"), 2700);
  EXPECT_EQ(h->metric_value("mlobs_freshness_tracked_datasets", {{"component", "under_test"}}), 1);
}

TEST_F(FreshnessTest, ThresholdIsConfigurable) {
  auto h = harness();
  auto c = start(*h, "{threshold: 5m}");
  const auto f = freshness(feed(*c, {build("churn", "v1", "2026-04-07T10:00:00Z")}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->body("status"), "STALE");  // 10 minutes old
  EXPECT_DOUBLE_EQ(f[0]->body_number("threshold_seconds"), 300);
}

TEST_F(FreshnessTest, BadSettingsAreRefused) {
  auto h = harness();
  CallResult result;
  h->start("freshness", "{threshold: soon}", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(result.message.find("threshold"), std::string::npos) << result.message;
  h->start("freshness", "{threshold: 0s}", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(result.message.find("\"threshold\" must be positive"), std::string::npos)
      << result.message;
  h->start("freshness", "{interval: 0s}", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  h->start("freshness", "{max_datasets: 0}", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

}  // namespace
