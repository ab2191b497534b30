#include "telemetry/metrics_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

namespace mlobs::agent {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using Labels = std::vector<std::pair<std::string, std::string>>;

class MetricsRegistryTest : public ::testing::Test {
 protected:
  MetricsRegistry::Family* reg(MetricType type, std::string_view name,
                               std::vector<std::string> labels, std::vector<double> buckets = {}) {
    error_.clear();
    return registry_.register_family(type, name, "help text", labels, buckets, &error_);
  }
  MetricsRegistry::Series* series(MetricsRegistry::Family* f,
                                  std::vector<std::string_view> values) {
    error_.clear();
    return registry_.series(f, values, &error_);
  }
  double value(std::string_view name, const Labels& labels) {
    return registry_.value(name, labels);
  }

  MetricsRegistry registry_;
  std::string error_;
};

TEST(MetricTypeTest, Names) {
  EXPECT_STREQ(metric_type_name(MetricType::kCounter), "counter");
  EXPECT_STREQ(metric_type_name(MetricType::kGauge), "gauge");
  EXPECT_STREQ(metric_type_name(MetricType::kHistogram), "histogram");
}

TEST_F(MetricsRegistryTest, SameNameTypeAndLabelsReturnsTheSameFamily) {
  auto* a = reg(MetricType::kCounter, "mlobs_records_total", {"component", "type"});
  ASSERT_NE(a, nullptr) << error_;
  auto* b = reg(MetricType::kCounter, "mlobs_records_total", {"component", "type"});
  EXPECT_EQ(a, b);
  EXPECT_THAT(error_, IsEmpty());
  // Help differs on a reload: still the same family, first help wins.
  error_.clear();
  const std::string labels[] = {"component", "type"};
  EXPECT_EQ(registry_.register_family(MetricType::kCounter, "mlobs_records_total", "other help",
                                      labels, {}, &error_),
            a);
  EXPECT_EQ(MetricsRegistry::owner_of(a), &registry_);
  EXPECT_EQ(MetricsRegistry::owner_of(nullptr), nullptr);
}

TEST_F(MetricsRegistryTest, ConflictingTypeNamesBothDefinitions) {
  ASSERT_NE(reg(MetricType::kCounter, "x", {"component"}), nullptr);
  EXPECT_EQ(reg(MetricType::kGauge, "x", {"component", "reason"}), nullptr);
  EXPECT_EQ(error_,
            "metric \"x\" already registered as counter{component}; cannot register it as "
            "gauge{component,reason}");
  EXPECT_EQ(reg(MetricType::kHistogram, "x", {"component"}), nullptr);
  EXPECT_THAT(error_, HasSubstr("cannot register it as histogram{component}"));
}

TEST_F(MetricsRegistryTest, ConflictingLabelsNamesBothDefinitions) {
  ASSERT_NE(reg(MetricType::kGauge, "depth", {"component"}), nullptr);
  EXPECT_EQ(reg(MetricType::kGauge, "depth", {"component", "queue"}), nullptr);
  EXPECT_EQ(error_,
            "metric \"depth\" already registered as gauge{component}; cannot register it as "
            "gauge{component,queue}");
  // Order matters: label values are positional.
  ASSERT_NE(reg(MetricType::kGauge, "pair", {"a", "b"}), nullptr);
  EXPECT_EQ(reg(MetricType::kGauge, "pair", {"b", "a"}), nullptr);
  EXPECT_EQ(reg(MetricType::kGauge, "pair", {}), nullptr);
  EXPECT_THAT(error_, HasSubstr("gauge{}"));
}

TEST_F(MetricsRegistryTest, RejectsInvalidNamesAndBuckets) {
  EXPECT_EQ(reg(MetricType::kCounter, "1starts_with_digit", {}), nullptr);
  EXPECT_THAT(error_, HasSubstr("invalid metric name \"1starts_with_digit\""));
  EXPECT_EQ(reg(MetricType::kCounter, "has-dash", {}), nullptr);
  EXPECT_EQ(reg(MetricType::kCounter, "", {}), nullptr);
  EXPECT_EQ(reg(MetricType::kCounter, "ok_name", {"bad-label"}), nullptr);
  EXPECT_THAT(error_, HasSubstr("invalid label name \"bad-label\""));
  EXPECT_EQ(reg(MetricType::kCounter, "ok_name", {"__reserved"}), nullptr);
  EXPECT_EQ(reg(MetricType::kCounter, "ok_name", {"a", "a"}), nullptr);
  EXPECT_THAT(error_, HasSubstr("duplicate label name \"a\""));
  EXPECT_EQ(reg(MetricType::kHistogram, "latency", {"le"}), nullptr);
  EXPECT_THAT(error_, HasSubstr("\"le\""));
  EXPECT_EQ(reg(MetricType::kHistogram, "latency", {}, {1, 0.5}), nullptr);
  EXPECT_THAT(error_, HasSubstr("strictly increasing"));
  EXPECT_EQ(reg(MetricType::kHistogram, "latency", {}, {1, 1}), nullptr);
  EXPECT_EQ(reg(MetricType::kHistogram, "latency", {}, {1, INFINITY}), nullptr);
  EXPECT_EQ(reg(MetricType::kHistogram, "latency", {}, {NAN}), nullptr);
  // None of the failures registered anything.
  EXPECT_THAT(registry_.serialize(), IsEmpty());
  // Buckets are ignored for other types.
  EXPECT_NE(reg(MetricType::kGauge, "g", {}, {3, 2, 1}), nullptr) << error_;
}

TEST_F(MetricsRegistryTest, CounterSeries) {
  auto* f = reg(MetricType::kCounter, "requests_total", {"component", "code"});
  ASSERT_NE(f, nullptr);
  auto* s = series(f, {"api", "200"});
  ASSERT_NE(s, nullptr) << error_;
  EXPECT_EQ(series(f, {"api", "200"}), s);  // cached: a stable handle
  auto* other = series(f, {"api", "500"});
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other, s);

  MetricsRegistry::add(s, 2);
  MetricsRegistry::add(s, 0.5);
  MetricsRegistry::add(s, -10);       // counters only go up
  MetricsRegistry::add(s, NAN);       // would poison the counter
  MetricsRegistry::add(s, INFINITY);  // likewise
  MetricsRegistry::set(s, 100);       // set is for gauges
  MetricsRegistry::add(nullptr, 1);   // a failed series() must not crash the caller
  MetricsRegistry::set(nullptr, 1);
  EXPECT_DOUBLE_EQ(value("requests_total", {{"component", "api"}, {"code", "200"}}), 2.5);
  // Label order in the query does not matter; the set must match exactly.
  EXPECT_DOUBLE_EQ(value("requests_total", {{"code", "200"}, {"component", "api"}}), 2.5);
  EXPECT_DOUBLE_EQ(value("requests_total", {{"component", "api"}, {"code", "500"}}), 0);
  EXPECT_TRUE(std::isnan(value("requests_total", {{"component", "api"}})));
  EXPECT_TRUE(std::isnan(value("requests_total", {{"component", "api"}, {"code", "404"}})));
  EXPECT_TRUE(std::isnan(value("requests_total", {{"component", "api"}, {"component", "api"}})));
  EXPECT_TRUE(std::isnan(value("requests_total", {{"component", "api"}, {"other", "200"}})));
  EXPECT_TRUE(std::isnan(value("no_such_metric", {})));

  const std::string text = registry_.serialize();
  EXPECT_THAT(text, HasSubstr("# HELP requests_total help text\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("requests_total{code=\"200\",component=\"api\"} 2.5\n"));
}

TEST_F(MetricsRegistryTest, WrongLabelCountIsAnError) {
  auto* f = reg(MetricType::kCounter, "c_total", {"a", "b"});
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(series(f, {"only-one"}), nullptr);
  EXPECT_THAT(error_, HasSubstr("c_total"));
  EXPECT_THAT(error_, HasSubstr("got 1 value"));
  EXPECT_EQ(series(f, {"1", "2", "3"}), nullptr);
  EXPECT_EQ(series(nullptr, {}), nullptr);
  EXPECT_THAT(error_, Not(IsEmpty()));
  // A family from another registry is refused rather than corrupting this one.
  MetricsRegistry other;
  const std::string labels[] = {"a", "b"};
  auto* foreign = other.register_family(MetricType::kCounter, "c_total", "", labels, {}, &error_);
  ASSERT_NE(foreign, nullptr);
  EXPECT_EQ(series(foreign, {"1", "2"}), nullptr);
}

TEST_F(MetricsRegistryTest, GaugeSeries) {
  auto* f = reg(MetricType::kGauge, "queue_depth", {"component"});
  ASSERT_NE(f, nullptr);
  auto* s = series(f, {"sink"});
  ASSERT_NE(s, nullptr);
  MetricsRegistry::set(s, 10);
  MetricsRegistry::add(s, -3);
  EXPECT_DOUBLE_EQ(value("queue_depth", {{"component", "sink"}}), 7);
  MetricsRegistry::set(s, 1.25);
  EXPECT_DOUBLE_EQ(value("queue_depth", {{"component", "sink"}}), 1.25);
  EXPECT_THAT(registry_.serialize(), HasSubstr("queue_depth{component=\"sink\"} 1.25\n"));
}

TEST_F(MetricsRegistryTest, LabelValuesAreEscapedInTheExposition) {
  auto* f = reg(MetricType::kGauge, "g", {"path"});
  ASSERT_NE(f, nullptr);
  MetricsRegistry::set(series(f, {"a\"b\\c\nd"}), 1);
  EXPECT_THAT(registry_.serialize(), HasSubstr("g{path=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST_F(MetricsRegistryTest, HistogramBucketsAppearInSerialize) {
  auto* f = reg(MetricType::kHistogram, "ml_training_duration_seconds", {"run"}, {1, 10, 60});
  ASSERT_NE(f, nullptr) << error_;
  auto* s = series(f, {"r1"});
  ASSERT_NE(s, nullptr);
  MetricsRegistry::add(s, 0.5);
  MetricsRegistry::add(s, 5);
  MetricsRegistry::add(s, 5);
  MetricsRegistry::add(s, 100);
  MetricsRegistry::add(s, NAN);  // ignored
  MetricsRegistry::set(s, 3);    // ignored
  const std::string text = registry_.serialize();
  EXPECT_THAT(text, HasSubstr("# TYPE ml_training_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_bucket{run=\"r1\",le=\"1\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_bucket{run=\"r1\",le=\"10\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_bucket{run=\"r1\",le=\"60\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_bucket{run=\"r1\",le=\"+Inf\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_count{run=\"r1\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("ml_training_duration_seconds_sum{run=\"r1\"} 110.5\n"));
  // value() is for counters and gauges only.
  EXPECT_TRUE(std::isnan(value("ml_training_duration_seconds", {{"run", "r1"}})));
}

TEST_F(MetricsRegistryTest, HistogramWithoutBucketsUsesTheDefaults) {
  auto* f = reg(MetricType::kHistogram, "latency_seconds", {});
  ASSERT_NE(f, nullptr) << error_;
  MetricsRegistry::add(series(f, {}), 0.2);
  const std::string text = registry_.serialize();
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{le=\"0.005\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{le=\"0.25\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{le=\"10\"} 1\n"));
}

TEST_F(MetricsRegistryTest, RemoveStopsExposingAndLeavesTheHandleInert) {
  auto* f = reg(MetricType::kGauge, "deployment_health", {"deployment"});
  ASSERT_NE(f, nullptr);
  auto* gone = series(f, {"old"});
  auto* kept = series(f, {"new"});
  ASSERT_NE(gone, nullptr);
  ASSERT_NE(kept, nullptr);
  MetricsRegistry::set(gone, 1);
  MetricsRegistry::set(kept, 2);
  ASSERT_THAT(registry_.serialize(), HasSubstr("deployment_health{deployment=\"old\"} 1\n"));

  registry_.remove(f, gone);
  std::string text = registry_.serialize();
  EXPECT_THAT(text, Not(HasSubstr("deployment=\"old\"")));
  EXPECT_THAT(text, HasSubstr("deployment_health{deployment=\"new\"} 2\n"));
  EXPECT_TRUE(std::isnan(value("deployment_health", {{"deployment", "old"}})));

  // The old handle is still safe to use and recreates nothing.
  MetricsRegistry::set(gone, 5);
  MetricsRegistry::add(gone, 5);
  registry_.remove(f, gone);  // twice is fine
  EXPECT_THAT(registry_.serialize(), Not(HasSubstr("deployment=\"old\"")));

  // Asking again for the same labels starts a new series from zero.
  auto* again = series(f, {"old"});
  ASSERT_NE(again, nullptr);
  EXPECT_NE(again, gone);
  EXPECT_DOUBLE_EQ(value("deployment_health", {{"deployment", "old"}}), 0);
  MetricsRegistry::set(gone, 9);  // the stale handle does not touch the new series
  EXPECT_DOUBLE_EQ(value("deployment_health", {{"deployment", "old"}}), 0);

  // A series from another family is ignored.
  auto* other = reg(MetricType::kGauge, "other", {"deployment"});
  registry_.remove(other, kept);
  EXPECT_DOUBLE_EQ(value("deployment_health", {{"deployment", "new"}}), 2);
  registry_.remove(nullptr, kept);
  registry_.remove(f, nullptr);
}

TEST_F(MetricsRegistryTest, ResetDropsEverything) {
  auto* f = reg(MetricType::kCounter, "x_total", {"a"});
  ASSERT_NE(f, nullptr);
  MetricsRegistry::add(series(f, {"1"}), 3);
  auto before = registry_.prometheus_registry();
  registry_.reset();
  EXPECT_THAT(registry_.serialize(), IsEmpty());
  EXPECT_TRUE(std::isnan(value("x_total", {{"a", "1"}})));
  EXPECT_NE(registry_.prometheus_registry(), before);
  // The name is free again, even with another shape.
  auto* g = reg(MetricType::kGauge, "x_total", {"b"});
  ASSERT_NE(g, nullptr) << error_;
  MetricsRegistry::set(series(g, {"2"}), 4);
  EXPECT_DOUBLE_EQ(value("x_total", {{"b", "2"}}), 4);
}

TEST_F(MetricsRegistryTest, ConcurrentAddsAreNotLost) {
  auto* f = reg(MetricType::kCounter, "hits_total", {"t"});
  ASSERT_NE(f, nullptr);
  constexpr int kThreads = 4;
  constexpr int kAdds = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::string error;
      const std::string_view v[] = {"shared"};
      auto* s = registry_.series(f, v, &error);
      for (int i = 0; i < kAdds; ++i) MetricsRegistry::add(s, 1);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_DOUBLE_EQ(value("hits_total", {{"t", "shared"}}), kThreads * kAdds);
}

TEST_F(MetricsRegistryTest, AddRacingRemoveIsSafe) {
  auto* f = reg(MetricType::kGauge, "racy", {"i"});
  ASSERT_NE(f, nullptr);
  std::atomic<bool> done{false};
  std::vector<MetricsRegistry::Series*> handles;
  for (int i = 0; i < 200; ++i) handles.push_back(series(f, {std::to_string(i)}));
  std::thread adder([&] {
    while (!done.load()) {
      for (auto* s : handles) MetricsRegistry::add(s, 1);
    }
  });
  for (auto* s : handles) registry_.remove(f, s);
  done.store(true);
  adder.join();
  EXPECT_THAT(registry_.serialize(), Not(HasSubstr("racy{")));
}

}  // namespace
}  // namespace mlobs::agent
