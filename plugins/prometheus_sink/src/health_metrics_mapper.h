// deployment_health records -> mlobs_deployment_health{deployment_id,status}: 1 on the series of
// the current status, 0 on the other two, so `== 1` selects the current state and a status
// change never leaves two series at 1.
#pragma once

#include <mlobs/plugin.hpp>

#include "ml_metric.h"

namespace mlobs::prometheus_sink {

class HealthMetricsMapper {
 public:
  HealthMetricsMapper(const Host& host, prometheus::Registry* mirror, CardinalityGuard* guard);

  enum class Result { kMapped, kMissingDeploymentId, kUnknownStatus, kDropped };
  Result map(const RecordRef& rec);

 private:
  MlMetric health_;
};

}  // namespace mlobs::prometheus_sink
