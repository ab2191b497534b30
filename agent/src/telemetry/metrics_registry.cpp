#include "telemetry/metrics_registry.h"

#include <prometheus/check_names.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/text_serializer.h>

#include <cmath>
#include <exception>
#include <limits>

namespace mlobs::agent {

struct MetricsRegistry::Series {
  Family* family = nullptr;
  std::vector<std::string> values;  // in the family's label order
  // Family::Remove destroys the prometheus metric, so add/set and remove must not overlap.
  std::mutex mu;
  prometheus::Counter* counter = nullptr;
  prometheus::Gauge* gauge = nullptr;
  prometheus::Histogram* histogram = nullptr;
};

struct MetricsRegistry::Family {
  MetricsRegistry* owner = nullptr;
  MetricType type = MetricType::kCounter;
  std::string name;
  std::vector<std::string> label_names;
  std::vector<double> buckets;
  prometheus::Family<prometheus::Counter>* counters = nullptr;
  prometheus::Family<prometheus::Gauge>* gauges = nullptr;
  prometheus::Family<prometheus::Histogram>* histograms = nullptr;
  std::map<std::vector<std::string>, Series*> live;  // exposed series by label values
  std::vector<std::unique_ptr<Series>> all;          // live and removed: handles stay valid
};

namespace {

// The Prometheus client libraries' default buckets (seconds), for histograms given none.
const std::vector<double> kDefaultBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                             0.5,   1,    2.5,   5,    10};

std::string describe(MetricType type, std::span<const std::string> labels) {
  std::string out = metric_type_name(type);
  out.push_back('{');
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(labels[i]);
  }
  out.push_back('}');
  return out;
}

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

bool same_labels(const std::vector<std::string>& a, std::span<const std::string> b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

const char* metric_type_name(MetricType type) {
  switch (type) {
    case MetricType::kCounter: return "counter";
    case MetricType::kGauge: return "gauge";
    case MetricType::kHistogram: return "histogram";
  }
  return "unknown";
}

MetricsRegistry::MetricsRegistry() : registry_(std::make_shared<prometheus::Registry>()) {}

MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry* MetricsRegistry::owner_of(const Family* family) {
  return family ? family->owner : nullptr;
}

MetricsRegistry::Family* MetricsRegistry::register_family(MetricType type, std::string_view name,
                                                          std::string_view help,
                                                          std::span<const std::string> label_names,
                                                          std::span<const double> buckets,
                                                          std::string* error) {
  std::string scratch;
  std::string& err = error ? *error : scratch;
  const std::string name_str(name);
  if (!prometheus::CheckMetricName(name_str)) {
    err = "invalid metric name " + quoted(name);
    return nullptr;
  }
  for (size_t i = 0; i < label_names.size(); ++i) {
    const std::string& label = label_names[i];
    if (!prometheus::CheckLabelName(label)) {
      err = "metric " + quoted(name) + ": invalid label name " + quoted(label);
      return nullptr;
    }
    // The exposition format adds "le" to every histogram sample itself.
    if (type == MetricType::kHistogram && label == "le") {
      err = "metric " + quoted(name) + ": label name \"le\" is reserved for histogram buckets";
      return nullptr;
    }
    for (size_t j = 0; j < i; ++j) {
      if (label_names[j] == label) {
        err = "metric " + quoted(name) + ": duplicate label name " + quoted(label);
        return nullptr;
      }
    }
  }

  std::vector<double> bounds;
  if (type == MetricType::kHistogram) {
    bounds.assign(buckets.begin(), buckets.end());
    if (bounds.empty()) bounds = kDefaultBuckets;
    for (size_t i = 0; i < bounds.size(); ++i) {
      // +Inf is implicit; prometheus-cpp needs strictly increasing finite bounds.
      if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        err =
            "metric " + quoted(name) + ": histogram buckets must be finite and strictly increasing";
        return nullptr;
      }
    }
  }

  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = families_.find(name); it != families_.end()) {
    Family* existing = it->second.get();
    if (existing->type == type && same_labels(existing->label_names, label_names)) {
      return existing;  // first registration's help and buckets win
    }
    err = "metric " + quoted(name) + " already registered as " +
          describe(existing->type, existing->label_names) + "; cannot register it as " +
          describe(type, label_names);
    return nullptr;
  }

  auto family = std::make_unique<Family>();
  family->owner = this;
  family->type = type;
  family->name = name_str;
  family->label_names.assign(label_names.begin(), label_names.end());
  family->buckets = std::move(bounds);
  try {
    const std::string help_str(help);
    switch (type) {
      case MetricType::kCounter:
        family->counters =
            &prometheus::BuildCounter().Name(name_str).Help(help_str).Register(*registry_);
        break;
      case MetricType::kGauge:
        family->gauges =
            &prometheus::BuildGauge().Name(name_str).Help(help_str).Register(*registry_);
        break;
      case MetricType::kHistogram:
        family->histograms =
            &prometheus::BuildHistogram().Name(name_str).Help(help_str).Register(*registry_);
        break;
    }
  } catch (const std::exception& e) {
    err = "metric " + quoted(name) + ": " + e.what();
    return nullptr;
  }
  Family* out = family.get();
  families_.emplace(name_str, std::move(family));
  return out;
}

MetricsRegistry::Series* MetricsRegistry::series(Family* family,
                                                 std::span<const std::string_view> label_values,
                                                 std::string* error) {
  std::string scratch;
  std::string& err = error ? *error : scratch;
  if (!family || family->owner != this) {
    err = "metric family does not belong to this registry";
    return nullptr;
  }
  if (label_values.size() != family->label_names.size()) {
    err = "metric " + quoted(family->name) + " has " + std::to_string(family->label_names.size()) +
          " label(s) " + describe(family->type, family->label_names) + ", got " +
          std::to_string(label_values.size()) + " value(s)";
    return nullptr;
  }
  std::vector<std::string> values(label_values.begin(), label_values.end());

  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = family->live.find(values); it != family->live.end()) return it->second;

  prometheus::Labels labels;
  for (size_t i = 0; i < values.size(); ++i) labels.emplace(family->label_names[i], values[i]);
  auto s = std::make_unique<Series>();
  s->family = family;
  try {
    switch (family->type) {
      case MetricType::kCounter: s->counter = &family->counters->Add(labels); break;
      case MetricType::kGauge: s->gauge = &family->gauges->Add(labels); break;
      case MetricType::kHistogram:
        s->histogram = &family->histograms->Add(labels, family->buckets);
        break;
    }
  } catch (const std::exception& e) {
    err = "metric " + quoted(family->name) + ": " + e.what();
    return nullptr;
  }
  s->values = values;
  Series* out = s.get();
  family->all.push_back(std::move(s));
  family->live.emplace(std::move(values), out);
  return out;
}

void MetricsRegistry::add(Series* series, double value) {
  if (!series) return;
  std::lock_guard<std::mutex> lock(series->mu);
  if (series->counter) {
    // A NaN or infinite increment would poison the counter for the life of the process.
    if (std::isfinite(value) && value > 0) series->counter->Increment(value);
  } else if (series->gauge) {
    series->gauge->Increment(value);
  } else if (series->histogram) {
    if (!std::isnan(value)) series->histogram->Observe(value);
  }
}

void MetricsRegistry::set(Series* series, double value) {
  if (!series) return;
  std::lock_guard<std::mutex> lock(series->mu);
  if (series->gauge) series->gauge->Set(value);
}

void MetricsRegistry::remove(Family* family, Series* series) {
  if (!family || !series || series->family != family) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (family->owner != this) return;
  std::lock_guard<std::mutex> series_lock(series->mu);
  if (series->counter) family->counters->Remove(series->counter);
  if (series->gauge) family->gauges->Remove(series->gauge);
  if (series->histogram) family->histograms->Remove(series->histogram);
  series->counter = nullptr;
  series->gauge = nullptr;
  series->histogram = nullptr;
  auto it = family->live.find(series->values);
  if (it != family->live.end() && it->second == series) family->live.erase(it);
}

std::string MetricsRegistry::serialize() const {
  std::shared_ptr<prometheus::Registry> registry;
  {
    std::lock_guard<std::mutex> lock(mu_);
    registry = registry_;
  }
  return prometheus::TextSerializer().Serialize(registry->Collect());
}

double MetricsRegistry::value(std::string_view name,
                              std::span<const std::pair<std::string, std::string>> labels) const {
  constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = families_.find(name);
  if (it == families_.end()) return kUnknown;
  const Family& family = *it->second;
  if (family.type == MetricType::kHistogram || labels.size() != family.label_names.size()) {
    return kUnknown;
  }
  // Put the given labels in the family's order; a missing or repeated name matches nothing.
  std::vector<std::string> values;
  values.reserve(labels.size());
  for (const std::string& label_name : family.label_names) {
    const std::string* found = nullptr;
    for (const auto& [k, v] : labels) {
      if (k != label_name) continue;
      if (found) return kUnknown;
      found = &v;
    }
    if (!found) return kUnknown;
    values.push_back(*found);
  }
  auto s = family.live.find(values);
  if (s == family.live.end()) return kUnknown;
  std::lock_guard<std::mutex> series_lock(s->second->mu);
  if (s->second->counter) return s->second->counter->Value();
  if (s->second->gauge) return s->second->gauge->Value();
  return kUnknown;
}

void MetricsRegistry::reset() {
  std::lock_guard<std::mutex> lock(mu_);
  families_.clear();
  registry_ = std::make_shared<prometheus::Registry>();
}

}  // namespace mlobs::agent
