// The series one serving_window updates, found with one lookup by the window's label tuple
// (deployment_id, endpoint_name, model_name, model_version) instead of one lookup per metric.
#pragma once

#include "ml_metric.h"
#include "string_key_map.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace mlobs::prometheus_sink {

struct ServingSeries {
  // Each pointer is null until its metric first admitted the series. A null one is asked of the
  // metric again on every use, so the cardinality guard sees (and counts) each refusal as before.
  MlMetric::SeriesEntry* predictions = nullptr;
  MlMetric::SeriesEntry* requests = nullptr;
  MlMetric::SeriesEntry* errors = nullptr;
  MlMetric::SeriesEntry* timeouts = nullptr;
  MlMetric::SeriesEntry* latency_p50 = nullptr;
  MlMetric::SeriesEntry* latency_p95 = nullptr;
  MlMetric::SeriesEntry* latency_p99 = nullptr;
  // The newest window_end of (deployment_id, endpoint_name), once one was recorded.
  std::string* newest_window_end = nullptr;
};

class ServingSeriesCache {
 public:
  // At most `max_entries` tuples are kept, the same bound as every metric's series.
  explicit ServingSeriesCache(size_t max_entries) : max_entries_(max_entries) {}

  // The entry of this tuple; null when the tuple is new and the cache is full (the caller then
  // resolves every series through its metric, as without a cache). A hit does not allocate.
  ServingSeries* find_or_add(std::string_view deployment_id, std::string_view endpoint_name,
                             std::string_view model_name, std::string_view model_version);

 private:
  size_t max_entries_;
  std::string key_buffer_;
  StringKeyMap<ServingSeries> entries_;
};

}  // namespace mlobs::prometheus_sink
