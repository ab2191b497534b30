// One ML metric family as the sink exposes it: registered through the host (so it appears on the
// agent's own /metrics) and, when pushing is on, mirrored into the plugin's own prometheus-cpp
// registry that the Pushgateway pusher reads. Every new label set passes the cardinality guard.
//
// Counters, gauges and histograms share this one type so later metrics (dataset build and
// training durations as histograms) only declare a family and call observe().
#pragma once

#include <mlobs/plugin.hpp>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "cardinality_guard.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mlobs::prometheus_sink {

enum class MetricKind { kCounter, kGauge, kHistogram };

struct MetricSpec {
  MetricKind kind;
  std::string name;
  std::string help;
  std::vector<std::string> labels;
  std::vector<double> buckets;  // histograms only
};

using LabelValues = std::vector<std::string>;

class MlMetric {
 public:
  // `mirror` may be null (no push configured). Throws when the host refuses the registration
  // (a name clash), which the SDK turns into a start failure.
  MlMetric(const Host& host, MetricSpec spec, prometheus::Registry* mirror,
           CardinalityGuard* guard);

  // Counter: adds (negative values ignored). False when the series was refused by the guard.
  bool add(const LabelValues& values, double v);
  // Gauge: sets.
  bool set(const LabelValues& values, double v);
  // Histogram: observes.
  bool observe(const LabelValues& values, double v);
  // Gauge: sets several series, creating either all missing ones or none, so a group that
  // belongs together (the three status series of one deployment) is never half exposed.
  bool set_all(const std::vector<std::pair<LabelValues, double>>& values);

  const std::string& name() const { return spec_.name; }
  size_t series_count() const { return series_.size(); }

 private:
  struct Entry {
    Series host;
    prometheus::Counter* counter = nullptr;
    prometheus::Gauge* gauge = nullptr;
    prometheus::Histogram* histogram = nullptr;
  };

  static std::string key_of(const LabelValues& values);
  Entry* find_or_create(const LabelValues& values);
  Entry* find(const LabelValues& values);
  Entry* create(const LabelValues& values);

  MetricSpec spec_;
  Metric host_metric_;
  CardinalityGuard* guard_;
  prometheus::Family<prometheus::Counter>* mirror_counter_ = nullptr;
  prometheus::Family<prometheus::Gauge>* mirror_gauge_ = nullptr;
  prometheus::Family<prometheus::Histogram>* mirror_histogram_ = nullptr;
  std::unordered_map<std::string, Entry> series_;
};

}  // namespace mlobs::prometheus_sink
