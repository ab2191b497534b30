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

// Counts are integers in the contract; accept a double too, since upstream JSON writers differ.
// One lookup: get_double reads every number, and an integral value goes through int64 the way
// get_int would read it (so -0.0 still reads as 0).
std::optional<double> number(const RecordRef& rec, std::string_view path) {
  const std::optional<double> d = rec.get_double(path);
  if (d && std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18) {
    return static_cast<double>(static_cast<int64_t>(*d));
  }
  return d;
}

// An absent label becomes "unknown": an empty value would make Prometheus drop the label and
// merge the series with a differently labelled one.
std::string_view label(const RecordRef& rec, std::string_view path) {
  auto v = rec.get_string(path);
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
      series_cache_(guard->max_series()) {}

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
  auto deployment = rec.get_string("body.deployment_id");
  if (!deployment || deployment->empty()) return Result::kMissingDeploymentId;
  const std::string_view deployment_id = *deployment;
  const std::string_view endpoint = label(rec, "body.endpoint_name");
  const std::string_view model = label(rec, "body.model_name");
  const std::string_view version = label(rec, "body.model_version");

  // A tuple beyond the cache's bound resolves every series through its metric, every time.
  ServingSeries uncached;
  ServingSeries* cached = series_cache_.find_or_add(deployment_id, endpoint, model, version);
  ServingSeries& s = cached ? *cached : uncached;

  // Each successful request yields one prediction, so success_count stands in for windows
  // written before prediction_count existed.
  const std::string_view prediction_labels[] = {deployment_id, model, version};
  std::optional<double> predictions = number(rec, "body.prediction_count");
  if (!predictions) predictions = number(rec, "body.success_count");
  if (predictions) {
    if (auto* e = series(predictions_, s.predictions, prediction_labels)) e->add(*predictions);
  }
  const std::string_view labels[] = {deployment_id, endpoint, model, version};
  if (auto n = number(rec, "body.request_count")) {
    if (auto* e = series(requests_, s.requests, labels)) e->add(*n);
  }
  // failure_count already totals every failed request; the *_error_count fields break it down
  // by cause, so adding them as well would count the same request twice.
  if (auto n = number(rec, "body.failure_count")) {
    if (auto* e = series(errors_, s.errors, labels)) e->add(*n);
  }
  if (auto n = number(rec, "body.timeout_count")) {
    if (auto* e = series(timeouts_, s.timeouts, labels)) e->add(*n);
  }

  const std::string_view window_end = rec.get_string("body.window_end").value_or("");
  if (!s.newest_window_end) s.newest_window_end = find_newest_window_end(deployment_id, endpoint);
  // RFC 3339 UTC timestamps of one writer compare correctly as text.
  if (s.newest_window_end && window_end < *s.newest_window_end) return Result::kMapped;
  const std::string_view latency_labels[] = {deployment_id, endpoint};
  bool admitted = false;
  if (auto v = number(rec, "body.latency_p50_ms")) {
    auto* e = series(latency_p50_, s.latency_p50, latency_labels);
    if (e) e->set(*v);
    admitted |= e != nullptr;
  }
  if (auto v = number(rec, "body.latency_p95_ms")) {
    auto* e = series(latency_p95_, s.latency_p95, latency_labels);
    if (e) e->set(*v);
    admitted |= e != nullptr;
  }
  if (auto v = number(rec, "body.latency_p99_ms")) {
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
