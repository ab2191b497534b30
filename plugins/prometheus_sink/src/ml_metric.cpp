#include "ml_metric.h"

#include <stdexcept>

namespace mlobs::prometheus_sink {
namespace {

mlobs_metric_type host_type(MetricKind kind) {
  switch (kind) {
    case MetricKind::kCounter: return MLOBS_METRIC_COUNTER;
    case MetricKind::kGauge: return MLOBS_METRIC_GAUGE;
    case MetricKind::kHistogram: return MLOBS_METRIC_HISTOGRAM;
  }
  return MLOBS_METRIC_GAUGE;
}

// The SDK's Host::metric takes initializer lists; the label names here are runtime vectors, so
// call the table directly (the same single registration call).
Metric register_on_host(const Host& host, const MetricSpec& spec) {
  std::vector<mlobs_str> labels;
  for (const auto& l : spec.labels) labels.push_back(mlobs_str{l.data(), l.size()});
  std::vector<double> buckets = spec.buckets;
  mlobs_metric* out = nullptr;
  const mlobs_status s = detail::api()->metric_register(
      host.ctx(), host_type(spec.kind), mlobs_str{spec.name.data(), spec.name.size()},
      mlobs_str{spec.help.data(), spec.help.size()}, labels.data(), labels.size(), buckets.data(),
      buckets.size(), &out);
  if (s != MLOBS_OK) throw std::runtime_error("metric registration failed: " + spec.name);
  return Metric(out);
}

prometheus::Labels labels_of(const MetricSpec& spec, const LabelValues& values) {
  prometheus::Labels out;
  for (size_t i = 0; i < spec.labels.size() && i < values.size(); ++i) {
    out.emplace(spec.labels[i], std::string(values[i]));
  }
  return out;
}

}  // namespace

MlMetric::MlMetric(const Host& host, MetricSpec spec, prometheus::Registry* mirror,
                   CardinalityGuard* guard)
    : spec_(std::move(spec)), host_metric_(register_on_host(host, spec_)), guard_(guard) {
  if (!mirror) return;
  switch (spec_.kind) {
    case MetricKind::kCounter:
      mirror_counter_ =
          &prometheus::BuildCounter().Name(spec_.name).Help(spec_.help).Register(*mirror);
      break;
    case MetricKind::kGauge:
      mirror_gauge_ = &prometheus::BuildGauge().Name(spec_.name).Help(spec_.help).Register(*mirror);
      break;
    case MetricKind::kHistogram:
      mirror_histogram_ =
          &prometheus::BuildHistogram().Name(spec_.name).Help(spec_.help).Register(*mirror);
      break;
  }
}

void MlMetric::SeriesEntry::add(double v) {
  if (v <= 0) return;  // counters only go up; zero needs no call
  host.add(v);
  if (counter) counter->Increment(v);
}

void MlMetric::SeriesEntry::set(double v) {
  host.set(v);
  if (gauge) gauge->Set(v);
}

void MlMetric::SeriesEntry::observe(double v) {
  host.observe(v);
  if (histogram) histogram->Observe(v);
}

std::string_view MlMetric::key_of(LabelValues values) {
  key_buffer_.clear();
  for (std::string_view v : values) {
    key_buffer_ += v;
    key_buffer_ += '\x1f';  // unit separator: cannot be confused with label text in practice
  }
  return key_buffer_;
}

MlMetric::SeriesEntry* MlMetric::find(LabelValues values) {
  return series_.find(key_of(values));
}

MlMetric::SeriesEntry* MlMetric::create(LabelValues values) {
  std::vector<mlobs_str> views;
  for (std::string_view v : values) views.push_back(mlobs_str{v.data(), v.size()});
  SeriesEntry entry;
  entry.host = host_metric_.series(views);
  const prometheus::Labels labels = labels_of(spec_, values);
  if (mirror_counter_) entry.counter = &mirror_counter_->Add(labels);
  if (mirror_gauge_) entry.gauge = &mirror_gauge_->Add(labels);
  if (mirror_histogram_) {
    entry.histogram = &mirror_histogram_->Add(
        labels,
        prometheus::Histogram::BucketBoundaries(spec_.buckets.begin(), spec_.buckets.end()));
  }
  return &series_.emplace(key_of(values), entry);
}

MlMetric::SeriesEntry* MlMetric::find_or_create(LabelValues values) {
  if (SeriesEntry* e = find(values)) return e;
  if (!guard_->admit(spec_.name, series_.size())) return nullptr;
  return create(values);
}

bool MlMetric::add(LabelValues values, double v) {
  SeriesEntry* e = find_or_create(values);
  if (!e) return false;
  e->add(v);
  return true;
}

bool MlMetric::set(LabelValues values, double v) {
  SeriesEntry* e = find_or_create(values);
  if (!e) return false;
  e->set(v);
  return true;
}

bool MlMetric::observe(LabelValues values, double v) {
  SeriesEntry* e = find_or_create(values);
  if (!e) return false;
  e->observe(v);
  return true;
}

bool MlMetric::set_all(const std::pair<LabelValues, double>* values, size_t count) {
  size_t missing = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!find(values[i].first)) ++missing;
  }
  if (missing > 0 && !guard_->admit(spec_.name, series_.size(), missing)) return false;
  for (size_t i = 0; i < count; ++i) {
    SeriesEntry* e = find(values[i].first);
    if (!e) e = create(values[i].first);
    e->set(values[i].second);
  }
  return true;
}

}  // namespace mlobs::prometheus_sink
