// serving_window records (contract v1) -> the serving counters and latency gauges.
//
// Counters accumulate each window's counts; the latency gauges hold the values of the newest
// window (by window_end) of each deployment and endpoint, so a late or replayed older window
// never moves them backwards.
#pragma once

#include <mlobs/plugin.hpp>

#include "ml_metric.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace mlobs::prometheus_sink {

class ServingMetricsMapper {
 public:
  ServingMetricsMapper(const Host& host, prometheus::Registry* mirror, CardinalityGuard* guard);

  enum class Result { kMapped, kMissingDeploymentId };
  Result map(const RecordRef& rec);

 private:
  MlMetric predictions_;
  MlMetric requests_;
  MlMetric errors_;
  MlMetric timeouts_;
  MlMetric latency_p50_;
  MlMetric latency_p95_;
  MlMetric latency_p99_;
  // Newest window_end seen per (deployment_id, endpoint_name); bounded like the gauges because
  // an entry is only kept for a series the guard admitted.
  std::map<std::pair<std::string, std::string>, std::string> newest_window_end_;
};

}  // namespace mlobs::prometheus_sink
