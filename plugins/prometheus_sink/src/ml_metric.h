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
#include "string_key_map.h"

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
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

// Label values in the order of MetricSpec::labels: a view of an array of string_views, which are
// only read during the call, so they may point into a record. (A std::span, were plugins C++20.)
class LabelValues {
 public:
  template <size_t N>
  LabelValues(const std::string_view (&values)[N]) : data_(values), size_(N) {}
  template <size_t N>
  LabelValues(const std::array<std::string_view, N>& values) : data_(values.data()), size_(N) {}

  const std::string_view* begin() const { return data_; }
  const std::string_view* end() const { return data_ + size_; }
  size_t size() const { return size_; }
  std::string_view operator[](size_t i) const { return data_[i]; }

 private:
  const std::string_view* data_;
  size_t size_;
};

class MlMetric {
 public:
  // One label set of the metric, on the host and in the push mirror. Series are never removed,
  // so a pointer to one stays valid as long as the metric and may be kept to skip lookups.
  struct SeriesEntry {
    Series host;
    prometheus::Counter* counter = nullptr;
    prometheus::Gauge* gauge = nullptr;
    prometheus::Histogram* histogram = nullptr;

    // Counter: adds (non-positive values ignored: counters only go up).
    void add(double v);
    // Gauge: sets.
    void set(double v);
    // Histogram: observes.
    void observe(double v);
  };

  // `mirror` may be null (no push configured). Throws when the host refuses the registration
  // (a name clash), which the SDK turns into a start failure.
  MlMetric(const Host& host, MetricSpec spec, prometheus::Registry* mirror,
           CardinalityGuard* guard);

  // The series of `values`, created when new and the guard admits it; null when the guard
  // refused it (the guard counts the refusal).
  SeriesEntry* find_or_create(LabelValues values);

  // Counter: adds (negative values ignored). False when the series was refused by the guard.
  bool add(LabelValues values, double v);
  // Gauge: sets.
  bool set(LabelValues values, double v);
  // Histogram: observes.
  bool observe(LabelValues values, double v);
  // Gauge: sets several series, creating either all missing ones or none, so a group that
  // belongs together (the three status series of one deployment) is never half exposed.
  template <size_t N>
  bool set_all(const std::array<std::pair<LabelValues, double>, N>& values) {
    return set_all(values.data(), N);
  }

  const std::string& name() const { return spec_.name; }
  size_t series_count() const { return series_.size(); }

 private:
  // The map key of `values`, built in key_buffer_ (reused, so a lookup does not allocate).
  std::string_view key_of(LabelValues values);
  SeriesEntry* find(LabelValues values);
  SeriesEntry* create(LabelValues values);
  bool set_all(const std::pair<LabelValues, double>* values, size_t count);

  MetricSpec spec_;
  Metric host_metric_;
  CardinalityGuard* guard_;
  prometheus::Family<prometheus::Counter>* mirror_counter_ = nullptr;
  prometheus::Family<prometheus::Gauge>* mirror_gauge_ = nullptr;
  prometheus::Family<prometheus::Histogram>* mirror_histogram_ = nullptr;
  StringKeyMap<SeriesEntry> series_;
  std::string key_buffer_;
};

}  // namespace mlobs::prometheus_sink
