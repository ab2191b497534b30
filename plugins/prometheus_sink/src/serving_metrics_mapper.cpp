#include "serving_metrics_mapper.h"

#include <cmath>
#include <cstdint>
#include <optional>

namespace mlobs::prometheus_sink {
namespace {

const std::vector<std::string> kCounterLabels = {"deployment_id", "endpoint_name", "model_name",
                                                 "model_version"};
const std::vector<std::string> kLatencyLabels = {"deployment_id", "endpoint_name"};

MetricSpec counter(const char* name, const char* help, std::vector<std::string> labels) {
  return MetricSpec{MetricKind::kCounter, name, help, std::move(labels), {}};
}
MetricSpec gauge(const char* name, const char* help) {
  return MetricSpec{MetricKind::kGauge, name, help, kLatencyLabels, {}};
}

// The body fields the mapper reads, in the order of kFieldNames.
enum Field : int32_t {
  kDeploymentId,
  kEndpointName,
  kModelName,
  kModelVersion,
  kWindowEnd,
  kPredictionCount,
  kSuccessCount,
  kRequestCount,
  kFailureCount,
  kTimeoutCount,
  kLatencyP50,
  kLatencyP95,
  kLatencyP99,
  kFieldCount
};
const std::vector<std::string_view> kFieldNames = {
    "deployment_id",  "endpoint_name",  "model_name",     "model_version", "window_end",
    "prediction_count", "success_count", "request_count", "failure_count", "timeout_count",
    "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"};

// One window's fields, read in one pass over its members by the rules of the getters they
// stand for: the first member of a name wins, text only from a string (get_string), numbers
// from an integer or a double (get_double).
struct WindowFields {
  std::optional<std::string_view> text[kFieldCount];
  std::optional<double> number[kFieldCount];
  uint32_t seen = 0;

  void take(const mlobs_member& m) {
    const int32_t f = m.name_index;
    if (f < 0 || (seen & (1u << f))) return;
    seen |= 1u << f;
    if (m.type == MLOBS_TYPE_STRING) {
      text[f] = std::string_view(m.string_value.data, m.string_value.size);
    } else if (m.type == MLOBS_TYPE_INT || m.type == MLOBS_TYPE_DOUBLE) {
      number[f] = m.double_value;
    }
  }
};

// Counts are integers in the contract; accept a double too, since upstream JSON writers differ.
// An integral value goes through int64 the way get_int would read it (so -0.0 reads as 0).
std::optional<double> read_number(std::optional<double> d) {
  if (d && std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18) {
    return static_cast<double>(static_cast<int64_t>(*d));
  }
  return d;
}

// An absent label becomes "unknown": an empty value would make Prometheus drop the label and
// merge the series with a differently labelled one.
std::string_view label(const std::optional<std::string_view>& v) {
  return v && !v->empty() ? *v : std::string_view("unknown");
}

// The series cached in `slot`, else asks the metric (which applies the cardinality guard) and
// caches what it admits.
MlMetric::SeriesEntry* series(MlMetric& metric, MlMetric::SeriesEntry*& slot,
                              LabelValues labels) {
  if (!slot) slot = metric.find_or_create(labels);
  return slot;
}

}  // namespace

ServingMetricsMapper::ServingMetricsMapper(const Host& host, prometheus::Registry* mirror,
                                           CardinalityGuard* guard)
    : predictions_(host,
                   counter("ml_prediction_total",
                           "Predictions served (serving_window prediction_count, else "
                           "success_count)",
                           {"deployment_id", "model_name", "model_version"}),
                   mirror, guard),
      requests_(
          host,
          counter("ml_serving_requests_total", "Requests received (request_count)", kCounterLabels),
          mirror, guard),
      errors_(host,
              counter("ml_serving_errors_total", "Requests that failed (failure_count)",
                      kCounterLabels),
              mirror, guard),
      timeouts_(host,
                counter("ml_serving_timeouts_total", "Requests that timed out (timeout_count)",
                        kCounterLabels),
                mirror, guard),
      latency_p50_(host, gauge("ml_serving_latency_p50_ms", "p50 latency of the newest window"),
                   mirror, guard),
      latency_p95_(host, gauge("ml_serving_latency_p95_ms", "p95 latency of the newest window"),
                   mirror, guard),
      latency_p99_(host, gauge("ml_serving_latency_p99_ms", "p99 latency of the newest window"),
                   mirror, guard),
      series_cache_(guard->max_series()),
      field_names_(kFieldNames) {}

std::string_view ServingMetricsMapper::newest_window_end_key(std::string_view deployment_id,
                                                            std::string_view endpoint) {
  key_buffer_.clear();
  append_key_part(key_buffer_, deployment_id);
  append_key_part(key_buffer_, endpoint);
  return key_buffer_;
}

std::string* ServingMetricsMapper::find_newest_window_end(std::string_view deployment_id,
                                                          std::string_view endpoint) {
  return newest_window_end_.find(newest_window_end_key(deployment_id, endpoint));
}

ServingMetricsMapper::Result ServingMetricsMapper::map(const RecordRef& rec) {
  // Every string_view below points into the record, which outlives this call.
  WindowFields w;
  rec.for_each_member("body", field_names_, [&w](const mlobs_member& m) {
    w.take(m);
    return true;
  });
  if (!w.text[kDeploymentId] || w.text[kDeploymentId]->empty()) {
    return Result::kMissingDeploymentId;
  }
  const std::string_view deployment_id = *w.text[kDeploymentId];
  const std::string_view endpoint = label(w.text[kEndpointName]);
  const std::string_view model = label(w.text[kModelName]);
  const std::string_view version = label(w.text[kModelVersion]);

  // A tuple beyond the cache's bound resolves every series through its metric, every time.
  ServingSeries uncached;
  ServingSeries* cached = series_cache_.find_or_add(deployment_id, endpoint, model, version);
  ServingSeries& s = cached ? *cached : uncached;

  // Each successful request yields one prediction, so success_count stands in for windows
  // written before prediction_count existed.
  const std::string_view prediction_labels[] = {deployment_id, model, version};
  std::optional<double> predictions = read_number(w.number[kPredictionCount]);
  if (!predictions) predictions = read_number(w.number[kSuccessCount]);
  if (predictions) {
    if (auto* e = series(predictions_, s.predictions, prediction_labels)) e->add(*predictions);
  }
  const std::string_view labels[] = {deployment_id, endpoint, model, version};
  if (auto n = read_number(w.number[kRequestCount])) {
    if (auto* e = series(requests_, s.requests, labels)) e->add(*n);
  }
  // failure_count already totals every failed request; the *_error_count fields break it down
  // by cause, so adding them as well would count the same request twice.
  if (auto n = read_number(w.number[kFailureCount])) {
    if (auto* e = series(errors_, s.errors, labels)) e->add(*n);
  }
  if (auto n = read_number(w.number[kTimeoutCount])) {
    if (auto* e = series(timeouts_, s.timeouts, labels)) e->add(*n);
  }

  const std::string_view window_end = w.text[kWindowEnd].value_or("");
  if (!s.newest_window_end) s.newest_window_end = find_newest_window_end(deployment_id, endpoint);
  // RFC 3339 UTC timestamps of one writer compare correctly as text.
  if (s.newest_window_end && window_end < *s.newest_window_end) return Result::kMapped;
  const std::string_view latency_labels[] = {deployment_id, endpoint};
  bool admitted = false;
  if (auto v = read_number(w.number[kLatencyP50])) {
    auto* e = series(latency_p50_, s.latency_p50, latency_labels);
    if (e) e->set(*v);
    admitted |= e != nullptr;
  }
  if (auto v = read_number(w.number[kLatencyP95])) {
    auto* e = series(latency_p95_, s.latency_p95, latency_labels);
    if (e) e->set(*v);
    admitted |= e != nullptr;
  }
  if (auto v = read_number(w.number[kLatencyP99])) {
    auto* e = series(latency_p99_, s.latency_p99, latency_labels);
    if (e) e->set(*v);
    admitted |= e != nullptr;
  }
  if (!admitted) return Result::kMapped;
  if (s.newest_window_end) {
    s.newest_window_end->assign(window_end);  // reuses the string's buffer
  } else {
    const std::string_view key = newest_window_end_key(deployment_id, endpoint);
    s.newest_window_end = &newest_window_end_.emplace(key, std::string(window_end));
  }
  return Result::kMapped;
}

}  // namespace mlobs::prometheus_sink
