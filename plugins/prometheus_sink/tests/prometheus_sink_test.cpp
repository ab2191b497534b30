// The prometheus sink driven through the SDK harness: what it registers through the host is what
// the agent serves on /metrics.
#include <gtest/gtest.h>
#include <mlobs/testing/harness.h>
#include <mlobs/testing/plugin_test.h>

#include "silent_listener.h"

#include <chrono>
#include <cmath>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::PluginTest;

std::string window(const std::string& deployment, const std::string& window_end,
                   const std::string& counts) {
  return R"({"schema_version":"1","window_start":"2026-04-07T10:00:00Z","window_end":")" +
         window_end + R"(","deployment_id":")" + deployment +
         R"(","endpoint_name":"/predict","model_name":"churn","model_version":"3",)" + counts + "}";
}

std::string health(const std::string& deployment, const std::string& status) {
  return R"({"deployment_id":")" + deployment +
         R"(","model_name":"churn","model_version":"3","status":")" + status + R"("})";
}

class PrometheusSinkTest : public PluginTest {
 protected:
  void SetUp() override {
    PluginTest::SetUp();
    load(PLUGIN_PATH);
  }

  void write(Component& sink, const std::vector<std::string>& bodies, const std::string& kind) {
    CallResult result;
    sink.process(bodies, &result, kind);
    ASSERT_TRUE(result.ok()) << result.message;
  }

  double value(const std::string& name, std::vector<std::pair<std::string, std::string>> labels) {
    return harness().metric_value(name, std::move(labels));
  }

  double predictions_of(const std::string& deployment) {
    return value("ml_prediction_total",
                 {{"deployment_id", deployment}, {"model_name", "churn"}, {"model_version", "3"}});
  }

  double health_of(const std::string& deployment, const std::string& status) {
    return value("mlobs_deployment_health", {{"deployment_id", deployment}, {"status", status}});
  }
};

TEST_F(PrometheusSinkTest, CountersAccumulateOverWindows) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink,
        {window("dep-1", "2026-04-07T10:01:00Z",
                R"("request_count":10,"success_count":8,"failure_count":2,"timeout_count":1,)"
                R"("prediction_count":8,"validation_error_count":2)"),
         window("dep-1", "2026-04-07T10:02:00Z",
                R"("request_count":5,"success_count":5,"failure_count":0,"timeout_count":0,)"
                R"("prediction_count":4)")},
        "serving_window");
  // A window without prediction_count counts its successful requests as predictions.
  write(*sink, {window("dep-1", "2026-04-07T10:03:00Z", R"("request_count":3,"success_count":3)")},
        "serving_window");

  EXPECT_EQ(value("ml_prediction_total",
                  {{"deployment_id", "dep-1"}, {"model_name", "churn"}, {"model_version", "3"}}),
            15.0);
  const std::vector<std::pair<std::string, std::string>> labels = {{"deployment_id", "dep-1"},
                                                                   {"endpoint_name", "/predict"},
                                                                   {"model_name", "churn"},
                                                                   {"model_version", "3"}};
  EXPECT_EQ(value("ml_serving_requests_total", labels), 18.0);
  EXPECT_EQ(value("ml_serving_errors_total", labels), 2.0);  // not doubled by the breakdown
  EXPECT_EQ(value("ml_serving_timeouts_total", labels), 1.0);
}

TEST_F(PrometheusSinkTest, LatencyGaugesHoldTheNewestWindow) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  const std::vector<std::pair<std::string, std::string>> labels = {{"deployment_id", "dep-1"},
                                                                   {"endpoint_name", "/predict"}};
  write(*sink,
        {window("dep-1", "2026-04-07T10:02:00Z",
                R"("latency_p50_ms":20,"latency_p95_ms":80,"latency_p99_ms":120.5)")},
        "serving_window");
  EXPECT_EQ(value("ml_serving_latency_p99_ms", labels), 120.5);
  // An older window arriving late does not move the gauges back.
  write(*sink,
        {window("dep-1", "2026-04-07T10:01:00Z",
                R"("latency_p50_ms":1,"latency_p95_ms":2,"latency_p99_ms":3)")},
        "serving_window");
  EXPECT_EQ(value("ml_serving_latency_p50_ms", labels), 20.0);
  write(*sink,
        {window("dep-1", "2026-04-07T10:03:00Z",
                R"("latency_p50_ms":10,"latency_p95_ms":40,"latency_p99_ms":90)")},
        "serving_window");
  EXPECT_EQ(value("ml_serving_latency_p50_ms", labels), 10.0);
  EXPECT_EQ(value("ml_serving_latency_p95_ms", labels), 40.0);
  EXPECT_EQ(value("ml_serving_latency_p99_ms", labels), 90.0);
}

TEST_F(PrometheusSinkTest, HealthStatusMovesTheOneBetweenSeries) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink, {health("dep-1", "degraded")}, "deployment_health");
  EXPECT_EQ(health_of("dep-1", "healthy"), 0.0);
  EXPECT_EQ(health_of("dep-1", "degraded"), 1.0);
  EXPECT_EQ(health_of("dep-1", "unhealthy"), 0.0);
  write(*sink, {health("dep-1", "unhealthy"), health("dep-2", "healthy")}, "deployment_health");
  EXPECT_EQ(health_of("dep-1", "degraded"), 0.0);
  EXPECT_EQ(health_of("dep-1", "unhealthy"), 1.0);
  EXPECT_EQ(health_of("dep-2", "healthy"), 1.0);
  // A status outside the contract changes nothing and is counted.
  write(*sink, {health("dep-1", "sort-of-ok")}, "deployment_health");
  EXPECT_EQ(health_of("dep-1", "unhealthy"), 1.0);
  EXPECT_EQ(value("mlobs_prometheus_records_skipped_total",
                  {{"component", "under_test"}, {"reason", "unknown_status"}}),
            1.0);
}

TEST_F(PrometheusSinkTest, CardinalityBoundDropsAndCountsNewSeries) {
  auto sink = start("prometheus", "max_series: 4");
  ASSERT_TRUE(sink);
  std::vector<std::string> windows;
  for (int i = 0; i < 6; ++i) {
    windows.push_back(
        window("dep-" + std::to_string(i), "2026-04-07T10:01:00Z", R"("prediction_count":1)"));
  }
  write(*sink, windows, "serving_window");
  for (int i = 0; i < 6; ++i) {
    const double v = predictions_of("dep-" + std::to_string(i));
    if (i < 4) {
      EXPECT_EQ(v, 1.0) << i;
    } else {
      EXPECT_TRUE(std::isnan(v)) << i << ": a series beyond max_series exists";
    }
  }
  // Existing series keep counting at the bound.
  write(*sink, {window("dep-0", "2026-04-07T10:02:00Z", R"("prediction_count":2)")},
        "serving_window");
  EXPECT_EQ(predictions_of("dep-0"), 3.0);
  EXPECT_EQ(value("mlobs_prometheus_series_dropped_total", {{"component", "under_test"}}), 2.0);

  // The three health series of one deployment are admitted together or not at all.
  write(*sink, {health("dep-a", "healthy"), health("dep-b", "healthy")}, "deployment_health");
  EXPECT_EQ(health_of("dep-a", "healthy"), 1.0);
  EXPECT_TRUE(std::isnan(health_of("dep-b", "healthy")));
  EXPECT_TRUE(std::isnan(health_of("dep-b", "degraded")));
  EXPECT_EQ(value("mlobs_prometheus_series_dropped_total", {{"component", "under_test"}}), 3.0);
}

TEST_F(PrometheusSinkTest, UnknownKindsAreIgnored) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink, {R"({"deployment_id":"dep-1","prediction_count":5,"status":"healthy"})"},
        "check_report");
  const std::string text = harness().metrics_text();
  EXPECT_EQ(text.find("ml_prediction_total{"), std::string::npos) << text;
  EXPECT_EQ(text.find("mlobs_deployment_health{"), std::string::npos) << text;
  EXPECT_EQ(text.find("mlobs_prometheus_records_skipped_total{"), std::string::npos) << text;
}

TEST_F(PrometheusSinkTest, BuildAndTrainingDurationsFillTheirHistograms) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink,
        {R"({"dataset_name":"churn","build_duration_seconds":42.5})",
         R"({"dataset_name":"churn","build_duration_seconds":700})",
         R"({"dataset_name":"churn"})"},
        "dataset_build");
  write(*sink,
        {R"({"model_name":"churn_model","started_at":"2026-04-04T01:00:00Z",
             "completed_at":"2026-04-04T01:30:00+00:00"})",
         R"({"model_name":"churn_model","completed_at":"2026-04-04T01:30:00Z"})",
         R"({"model_name":"churn_model","started_at":"2026-04-04T02:00:00Z",
             "completed_at":"2026-04-04T01:30:00Z"})"},
        "training_run");
  // The harness reads single values only; a histogram is read from the exposition text.
  const std::string text = harness().metrics_text();
  for (const char* line : {
           R"(ml_dataset_build_duration_seconds_count{dataset_name="churn"} 2)",
           R"(ml_dataset_build_duration_seconds_sum{dataset_name="churn"} 742.5)",
           R"(ml_dataset_build_duration_seconds_bucket{dataset_name="churn",le="60"} 1)",
           R"(ml_dataset_build_duration_seconds_bucket{dataset_name="churn",le="1200"} 2)",
           R"(ml_training_duration_seconds_count{model_name="churn_model"} 1)",
           R"(ml_training_duration_seconds_sum{model_name="churn_model"} 1800)",
       }) {
    EXPECT_NE(text.find(std::string(line) + "\n"), std::string::npos) << line << "\n" << text;
  }
  // No duration said (one build, one run) or a run that ends before it starts: counted, not observed.
  EXPECT_EQ(value("mlobs_prometheus_records_skipped_total",
                  {{"component", "under_test"}, {"reason", "no_duration"}}),
            3.0);
}

TEST_F(PrometheusSinkTest, FreshnessSetsTheGaugePerDataset) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink,
        {R"({"dataset_name":"churn","freshness_seconds":120.5,"status":"FRESH"})",
         R"({"dataset_name":"orders","freshness_seconds":7200,"status":"STALE"})"},
        "freshness");
  write(*sink, {R"({"dataset_name":"churn","freshness_seconds":180,"status":"FRESH"})",
                R"({"freshness_seconds":1})"},
        "freshness");
  EXPECT_EQ(value("ml_feature_freshness_seconds", {{"dataset_name", "churn"}}), 180.0);
  EXPECT_EQ(value("ml_feature_freshness_seconds", {{"dataset_name", "orders"}}), 7200.0);
  EXPECT_EQ(value("mlobs_prometheus_records_skipped_total",
                  {{"component", "under_test"}, {"reason", "missing_name"}}),
            1.0);
}

TEST_F(PrometheusSinkTest, WindowWithoutDeploymentIdIsSkippedAndCounted) {
  auto sink = start("prometheus");
  ASSERT_TRUE(sink);
  write(*sink, {R"({"endpoint_name":"/predict","prediction_count":5})"}, "serving_window");
  EXPECT_EQ(value("mlobs_prometheus_records_skipped_total",
                  {{"component", "under_test"}, {"reason", "missing_deployment_id"}}),
            1.0);
}

TEST_F(PrometheusSinkTest, FailedPushesAreCountedAndStopPushesOnceMore) {
  // Port 1 on loopback refuses connections at once, so every push fails fast.
  auto sink = start("prometheus",
                    "push: { url: \"http://127.0.0.1:1\", job: unit, interval: 1h, "
                    "grouping: { instance: test } }");
  ASSERT_TRUE(sink);
  write(*sink, {window("dep-1", "2026-04-07T10:01:00Z", R"("prediction_count":1)")},
        "serving_window");
  // The interval is an hour: only the final push on stop can have happened, and stop joins it.
  EXPECT_TRUE(sink->stop().ok());
  EXPECT_EQ(value("mlobs_prometheus_push_failures_total", {{"component", "under_test"}}), 1.0);
  EXPECT_EQ(value("mlobs_prometheus_pushes_total", {{"component", "under_test"}}), 0.0);
  EXPECT_TRUE(sink->stop().ok());  // idempotent
}

TEST_F(PrometheusSinkTest, SilentGatewayDoesNotHoldUpStop) {
  // Accepts the connection and never answers: only push.timeout ends the final push.
  mlobs::prometheus_sink::test_support::SilentListener gateway;
  ASSERT_GT(gateway.port(), 0);
  auto sink = start("prometheus", "push: { url: \"http://127.0.0.1:" +
                                      std::to_string(gateway.port()) +
                                      "\", job: unit, interval: 1h, timeout: 300ms }");
  ASSERT_TRUE(sink);

  std::promise<bool> stopped;
  std::future<bool> stop_ok = stopped.get_future();
  std::thread stopper([&] { stopped.set_value(sink->stop().ok()); });
  // Generous: proves only that the push did not hang (libcurl's default is minutes).
  const bool returned = stop_ok.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!returned) gateway.close();  // ends the hung push so the thread can be joined
  stopper.join();

  EXPECT_TRUE(returned) << "stop() did not return within 10 s with push.timeout 300ms";
  EXPECT_TRUE(stop_ok.get());
  EXPECT_EQ(value("mlobs_prometheus_push_failures_total", {{"component", "under_test"}}), 1.0);
  EXPECT_EQ(value("mlobs_prometheus_pushes_total", {{"component", "under_test"}}), 0.0);
}

TEST_F(PrometheusSinkTest, BadPushSettingsAreConfigErrors) {
  for (const char* settings :
       {"push: { url: \"127.0.0.1:9091\" }", "push: { url: \"http://h:9091/path\" }",
        "push: { url: \"http://h:port\" }", "push: { url: \"http://h:9091\", job: \"a/b\" }",
        "push: { url: \"http://h:9091\", interval: 0s }",
        "push: { url: \"http://h:9091\", timeout: 0s }", "max_series: 0"}) {
    CallResult result;
    EXPECT_FALSE(harness().start("prometheus", settings, &result)) << settings;
    EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT) << settings << ": " << result.message;
  }
}

}  // namespace
