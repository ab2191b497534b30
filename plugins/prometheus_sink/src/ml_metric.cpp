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
    out.emplace(spec.labels[i], values[i]);
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

std::string MlMetric::key_of(const LabelValues& values) {
  std::string key;
  for (const auto& v : values) {
    key += v;
    key += '\x1f';  // unit separator: cannot be confused with label text in practice
  }
  return key;
}

MlMetric::Entry* MlMetric::find(const LabelValues& values) {
  auto it = series_.find(key_of(values));
  return it == series_.end() ? nullptr : &it->second;
}

MlMetric::Entry* MlMetric::create(const LabelValues& values) {
  std::vector<mlobs_str> views;
  for (const auto& v : values) views.push_back(mlobs_str{v.data(), v.size()});
  Entry entry;
  entry.host = host_metric_.series(views);
  const prometheus::Labels labels = labels_of(spec_, values);
  if (mirror_counter_) entry.counter = &mirror_counter_->Add(labels);
  if (mirror_gauge_) entry.gauge = &mirror_gauge_->Add(labels);
  if (mirror_histogram_) {
    entry.histogram = &mirror_histogram_->Add(
        labels,
        prometheus::Histogram::BucketBoundaries(spec_.buckets.begin(), spec_.buckets.end()));
  }
  return &series_.emplace(key_of(values), entry).first->second;
}

MlMetric::Entry* MlMetric::find_or_create(const LabelValues& values) {
  if (Entry* e = find(values)) return e;
  if (!guard_->admit(spec_.name, series_.size())) return nullptr;
  return create(values);
}

bool MlMetric::add(const LabelValues& values, double v) {
  Entry* e = find_or_create(values);
  if (!e) return false;
  if (v <= 0) return true;  // counters only go up; zero needs no call
  e->host.add(v);
  if (e->counter) e->counter->Increment(v);
  return true;
}

bool MlMetric::set(const LabelValues& values, double v) {
  Entry* e = find_or_create(values);
  if (!e) return false;
  e->host.set(v);
  if (e->gauge) e->gauge->Set(v);
  return true;
}

bool MlMetric::observe(const LabelValues& values, double v) {
  Entry* e = find_or_create(values);
  if (!e) return false;
  e->host.observe(v);
  if (e->histogram) e->histogram->Observe(v);
  return true;
}

bool MlMetric::set_all(const std::vector<std::pair<LabelValues, double>>& values) {
  size_t missing = 0;
  for (const auto& [labels, v] : values) {
    if (!find(labels)) ++missing;
  }
  if (missing > 0 && !guard_->admit(spec_.name, series_.size(), missing)) return false;
  for (const auto& [labels, v] : values) {
    Entry* e = find(labels);
    if (!e) e = create(labels);
    e->host.set(v);
    if (e->gauge) e->gauge->Set(v);
  }
  return true;
}

}  // namespace mlobs::prometheus_sink
