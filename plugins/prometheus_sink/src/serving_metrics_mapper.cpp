#include "serving_metrics_mapper.h"

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
std::optional<double> number(const RecordRef& rec, const char* field) {
  const std::string path = std::string("body.") + field;
  if (auto i = rec.get_int(path)) return static_cast<double>(*i);
  if (auto d = rec.get_double(path)) return *d;
  return std::nullopt;
}

// An absent label becomes "unknown": an empty value would make Prometheus drop the label and
// merge the series with a differently labelled one.
std::string label(const RecordRef& rec, const char* field) {
  auto v = rec.get_string(std::string("body.") + field);
  return v && !v->empty() ? std::string(*v) : std::string("unknown");
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
                   mirror, guard) {}

ServingMetricsMapper::Result ServingMetricsMapper::map(const RecordRef& rec) {
  auto deployment = rec.get_string("body.deployment_id");
  if (!deployment || deployment->empty()) return Result::kMissingDeploymentId;
  const std::string deployment_id(*deployment);
  const std::string endpoint = label(rec, "endpoint_name");
  const std::string model = label(rec, "model_name");
  const std::string version = label(rec, "model_version");

  // Each successful request yields one prediction, so success_count stands in for windows
  // written before prediction_count existed.
  if (auto n = number(rec, "prediction_count")) {
    predictions_.add({deployment_id, model, version}, *n);
  } else if (auto s = number(rec, "success_count")) {
    predictions_.add({deployment_id, model, version}, *s);
  }
  const LabelValues labels = {deployment_id, endpoint, model, version};
  if (auto n = number(rec, "request_count")) requests_.add(labels, *n);
  // failure_count already totals every failed request; the *_error_count fields break it down
  // by cause, so adding them as well would count the same request twice.
  if (auto n = number(rec, "failure_count")) errors_.add(labels, *n);
  if (auto n = number(rec, "timeout_count")) timeouts_.add(labels, *n);

  const std::string window_end(rec.get_string("body.window_end").value_or(""));
  auto key = std::make_pair(deployment_id, endpoint);
  auto newest = newest_window_end_.find(key);
  // RFC 3339 UTC timestamps of one writer compare correctly as text.
  if (newest != newest_window_end_.end() && window_end < newest->second) return Result::kMapped;
  const LabelValues latency_labels = {deployment_id, endpoint};
  bool admitted = false;
  if (auto v = number(rec, "latency_p50_ms")) admitted |= latency_p50_.set(latency_labels, *v);
  if (auto v = number(rec, "latency_p95_ms")) admitted |= latency_p95_.set(latency_labels, *v);
  if (auto v = number(rec, "latency_p99_ms")) admitted |= latency_p99_.set(latency_labels, *v);
  if (admitted) newest_window_end_[key] = window_end;
  return Result::kMapped;
}

}  // namespace mlobs::prometheus_sink
