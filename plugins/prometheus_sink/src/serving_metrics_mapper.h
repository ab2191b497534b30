// serving_window records (contract v1) -> the serving counters and latency gauges.
//
// Counters accumulate each window's counts; the latency gauges hold the values of the newest
// window (by window_end) of each deployment and endpoint, so a late or replayed older window
// never moves them backwards.
#pragma once

#include <mlobs/plugin.hpp>

#include "ml_metric.h"
#include "serving_series_cache.h"
#include "string_key_map.h"

#include <memory>
#include <string>
#include <string_view>

namespace mlobs::prometheus_sink {

class ServingMetricsMapper {
 public:
  ServingMetricsMapper(const Host& host, prometheus::Registry* mirror, CardinalityGuard* guard);

  enum class Result { kMapped, kMissingDeploymentId };
  Result map(const RecordRef& rec);

 private:
  // The key of (deployment_id, endpoint_name) in newest_window_end_, built in key_buffer_.
  std::string_view newest_window_end_key(std::string_view deployment_id,
                                         std::string_view endpoint);
  // Its entry in newest_window_end_, or null.
  std::string* find_newest_window_end(std::string_view deployment_id, std::string_view endpoint);

  MlMetric predictions_;
  MlMetric requests_;
  MlMetric errors_;
  MlMetric timeouts_;
  MlMetric latency_p50_;
  MlMetric latency_p95_;
  MlMetric latency_p99_;
  // Newest window_end seen per (deployment_id, endpoint_name) (key parts as append_key_part
  // writes them); bounded like the gauges because an entry is only kept for a series the guard
  // admitted.
  StringKeyMap<std::string> newest_window_end_;
  std::string key_buffer_;  // reused for lookups in newest_window_end_
  ServingSeriesCache series_cache_;
  NameSet field_names_;  // the body fields map() reads
};

}  // namespace mlobs::prometheus_sink
