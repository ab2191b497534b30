// The serving_health processor driven through the SDK harness with an injected clock.
#include <gtest/gtest.h>
#include <mlobs/testing/harness.h>
#include <rapidjson/document.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t k10h = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// A serving_window body for the minute `minute` after 10:00 (minute < 60).
std::string window(const std::string& deployment, int minute, int64_t requests = 100,
                   int64_t failures = 0, double p99 = 80) {
  return R"({"schema_version":"1","deployment_id":")" + deployment +
         R"(","endpoint_name":"/predict","model_name":"churn","model_version":"3",)"
         R"("bundle_id":"b-7","input_dataset_name":"features","input_dataset_version":"v9",)"
         R"("window_start":"2026-04-07T10:)" +
         two(minute) + R"(:00Z","window_end":"2026-04-07T10:)" + two(minute + 1) +
         R"(:00Z","request_count":)" + std::to_string(requests) + R"(,"success_count":)" +
         std::to_string(requests - failures) + R"(,"failure_count":)" + std::to_string(failures) +
         R"(,"rejected_count":0,"timeout_count":0,"latency_p50_ms":20,"latency_p95_ms":50,)"
         R"("latency_p99_ms":)" +
         std::to_string(p99) + "}";
}

struct Parsed {
  rapidjson::Document doc;
  std::string kind() const { return doc["kind"].GetString(); }
  std::string body(const char* key) const { return doc["body"][key].GetString(); }
  int64_t body_int(const char* key) const { return doc["body"][key].GetInt64(); }
};

std::unique_ptr<Parsed> parse(const std::string& json) {
  auto p = std::make_unique<Parsed>();
  p->doc.Parse(json.c_str());
  EXPECT_FALSE(p->doc.HasParseError()) << json;
  return p;
}

// The deployment_health records among `out`.
std::vector<std::unique_ptr<Parsed>> health(const std::vector<std::string>& out) {
  std::vector<std::unique_ptr<Parsed>> records;
  for (const std::string& json : out) {
    auto p = parse(json);
    if (p->kind() == "deployment_health") records.push_back(std::move(p));
  }
  return records;
}

class ServingHealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(harness_.load_plugin(PLUGIN_PATH, &error)) << error;
    harness_.set_clock([this] { return now_; });
  }

  std::unique_ptr<Component> start(const std::string& settings = "{}") {
    CallResult result;
    auto c = harness_.start("serving_health", settings, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

  std::vector<std::string> feed(Component& c, const std::vector<std::string>& bodies) {
    CallResult result;
    auto out = c.process(bodies, &result, "serving_window");
    EXPECT_TRUE(result.ok()) << result.message;
    return out;
  }

  Harness harness_;
  int64_t now_ = k10h + kMinute + 10 * kSecond;
};

TEST_F(ServingHealthTest, FirstWindowReportsTheStatusOnce) {
  auto c = start();
  const auto out = feed(*c, {window("dep-1", 0)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(parse(out[0])->kind(), "serving_window");  // passes through, first
  const auto h = health(out);
  ASSERT_EQ(h.size(), 1u);
  const Parsed& r = *h[0];
  EXPECT_EQ(r.doc["id"].GetString(),
            std::string("deployment_health:dep-1|2026-04-07T10:01:00Z|healthy"));
  EXPECT_EQ(r.body("deployment_id"), "dep-1");
  EXPECT_EQ(r.body("model_name"), "churn");
  EXPECT_EQ(r.body("model_version"), "3");
  EXPECT_EQ(r.body("bundle_id"), "b-7");
  EXPECT_EQ(r.body("input_dataset_name"), "features");
  EXPECT_EQ(r.body("input_dataset_version"), "v9");
  EXPECT_EQ(r.body("status"), "healthy");
  EXPECT_EQ(r.body_int("evaluated_windows"), 1);
  EXPECT_EQ(r.body("latest_window_end"), "2026-04-07T10:01:00Z");
  EXPECT_EQ(r.body_int("missing_window_count"), 0);
  EXPECT_EQ(r.body("detail"), "no rule fired: newest window ended 10s ago");
}

TEST_F(ServingHealthTest, InputsPassThroughUnchanged) {
  auto c = start();
  const std::vector<std::string> input = {
      R"({"kind":"freshness","id":"f","source":"s","observed_at":"2026-04-07T10:00:01Z",)"
      R"("request_id":"r","body":{"x":1}})",
  };
  CallResult result;
  EXPECT_EQ(c->process(input, &result), input);
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(ServingHealthTest, StatusChangeEmitsOneRecordAndNoChangeNothing) {
  auto c = start();
  ASSERT_EQ(health(feed(*c, {window("dep-1", 0)})).size(), 1u);
  now_ += kMinute;
  EXPECT_TRUE(health(feed(*c, {window("dep-1", 1)})).empty());  // still healthy
  now_ += kMinute;
  const auto h = health(feed(*c, {window("dep-1", 2, 100, 60)}));  // 60 of 300 failed: 20%
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]->body("status"), "unhealthy");
  EXPECT_EQ(h[0]->body("detail"), "error rate 20% (60 of 300 requests) >= 20% (unhealthy)");
  EXPECT_EQ(h[0]->body_int("evaluated_windows"), 3);
}

TEST_F(ServingHealthTest, TickReportsEveryDeployment) {
  auto c = start();
  feed(*c, {window("dep-1", 0), window("dep-2", 0)});
  EXPECT_TRUE(health(feed(*c, {window("dep-1", 0)})).empty());
  CallResult result;
  const auto h = health(c->tick(&result));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0]->body("deployment_id"), "dep-1");
  EXPECT_EQ(h[1]->body("deployment_id"), "dep-2");
  EXPECT_EQ(h[0]->body("status"), "healthy");
}

TEST_F(ServingHealthTest, SilentDeploymentTurnsUnhealthyOnTick) {
  auto c = start("{stale_after: 5m}");
  feed(*c, {window("dep-1", 0)});
  now_ = k10h + 6 * kMinute;  // 5m after the window ended: not yet stale
  auto h = health(c->tick());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]->body("status"), "healthy");
  now_ = k10h + 8 * kMinute + 12 * kSecond;
  h = health(c->tick());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]->body("status"), "unhealthy");
  EXPECT_EQ(h[0]->body("detail"), "stale: newest window ended 7m12s ago (stale_after 5m)");
  EXPECT_EQ(h[0]->doc["id"].GetString(),
            std::string("deployment_health:dep-1|2026-04-07T10:01:00Z|unhealthy"));
}

TEST_F(ServingHealthTest, FlushEvaluatesEveryDeploymentAgainstTheClock) {
  auto c = start();
  feed(*c, {window("dep-1", 0), window("dep-2", 9)});
  now_ = k10h + 12 * kMinute;  // dep-1 silent for 11m, dep-2 for 2m
  CallResult result;
  const auto h = health(c->flush(&result));
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0]->body("status"), "unhealthy");
  EXPECT_EQ(h[1]->body("status"), "healthy");
}

TEST_F(ServingHealthTest, GapsAndEveryErrorCountField) {
  auto c = start("{max_missing_windows: 1, error_rate_degraded: 0.05, error_rate_unhealthy: 0.5}");
  std::string w = window("dep-1", 3);
  w.pop_back();
  w += R"(,"validation_error_count":5,"dependency_error_count":6,"input_schema_failure_count":9})";
  now_ = k10h + 4 * kMinute;
  const auto h = health(feed(*c, {window("dep-1", 0), w}));
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]->body("status"), "degraded");
  EXPECT_EQ(h[0]->body_int("missing_window_count"), 2);
  EXPECT_EQ(h[0]->body("detail"),
            "2 missing windows of 1m > 1 (max_missing_windows); "
            "error rate 5.5% (11 of 200 requests) >= 5% (degraded)");
}

TEST_F(ServingHealthTest, CountsAreReadLikeTheGetters) {
  // Integral doubles count, fractions and negatives add nothing, the first of a repeated name
  // is the value (a repeated *_error_count counts it again), and a dotted name is a path.
  auto c = start("{error_rate_degraded: 0.03, error_rate_unhealthy: 0.5}");
  std::string w = window("dep-1", 0);
  w.pop_back();
  w += R"(,"a_error_count":2.0,"b_error_count":1.5,"c_error_count":-4,"a_error_count":7,)"
       R"("failure_count":50,"x":{"y_error_count":5},"x.y_error_count":1,"deployment_id":"d2"})";
  const auto h = health(feed(*c, {w}));
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]->body("deployment_id"), "dep-1");
  EXPECT_EQ(h[0]->body("detail"), "error rate 9% (9 of 100 requests) >= 3% (degraded)");
}

TEST_F(ServingHealthTest, UnusableWindowsPassThroughAndAreCounted) {
  auto c = start();
  const auto out = feed(*c, {R"({"deployment_id":"dep-1","window_start":"nope","window_end":"x"})",
                             R"({"window_start":"2026-04-07T10:00:00Z"})"});
  EXPECT_EQ(out.size(), 2u);
  EXPECT_TRUE(health(out).empty());
  EXPECT_EQ(harness_.metric_value("mlobs_serving_health_ignored_windows_total",
                                  {{"component", "under_test"}, {"reason", "bad_window_bounds"}}),
            1);
  EXPECT_EQ(
      harness_.metric_value("mlobs_serving_health_ignored_windows_total",
                            {{"component", "under_test"}, {"reason", "missing_deployment_id"}}),
      1);
}

TEST_F(ServingHealthTest, DeploymentsBeyondTheCapAreCountedNotTracked) {
  auto c = start("{max_deployments: 1}");
  EXPECT_EQ(health(feed(*c, {window("dep-1", 0), window("dep-2", 0)})).size(), 1u);
  EXPECT_EQ(health(c->tick()).size(), 1u);
  EXPECT_EQ(harness_.metric_value("mlobs_serving_health_untracked_windows_total",
                                  {{"component", "under_test"}}),
            1);
}

TEST_F(ServingHealthTest, ForgetsSilentUnhealthyDeployments) {
  auto c = start("{stale_after: 5m, forget_after: 30m}");
  feed(*c, {window("dep-1", 0)});
  now_ = k10h + 20 * kMinute;
  ASSERT_EQ(health(c->tick()).size(), 1u);  // unhealthy, reported
  now_ = k10h + 40 * kMinute;
  ASSERT_EQ(health(c->tick()).size(), 1u);  // reported again, then forgotten
  EXPECT_TRUE(health(c->tick()).empty());
  EXPECT_EQ(harness_.metric_value("mlobs_serving_health_tracked_deployments",
                                  {{"component", "under_test"}}),
            0);
}

TEST_F(ServingHealthTest, InconsistentThresholdsAreRefused) {
  CallResult result;
  harness_.start("serving_health", "{error_rate_degraded: 0.5, error_rate_unhealthy: 0.2}",
                 &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(result.message.find("error_rate_unhealthy"), std::string::npos) << result.message;
}

}  // namespace
