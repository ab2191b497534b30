// The dataset and model lifecycle as metrics: dataset_build records -> the build duration
// histogram, training_run records -> the training duration histogram, freshness records -> the
// freshness gauge. The histograms' buckets span what each stage takes in practice (README).
#pragma once

#include <mlobs/plugin.hpp>

#include "ml_metric.h"

namespace mlobs::prometheus_sink {

class LifecycleMetricsMapper {
 public:
  LifecycleMetricsMapper(const Host& host, prometheus::Registry* mirror, CardinalityGuard* guard);

  enum class Result { kMapped, kMissingName, kNoDuration, kNoFreshness, kDropped };
  // `kind` is the record's kind: dataset_build, training_run or freshness.
  Result map(std::string_view kind, const RecordRef& rec);

  static bool maps(std::string_view kind) {
    return kind == "dataset_build" || kind == "training_run" || kind == "freshness";
  }

 private:
  Result map_dataset_build(const RecordRef& rec);
  Result map_training_run(const RecordRef& rec);
  Result map_freshness(const RecordRef& rec);

  MlMetric build_duration_;
  MlMetric training_duration_;
  MlMetric freshness_;
};

}  // namespace mlobs::prometheus_sink
