#include "health_metrics_mapper.h"

#include <array>
#include <string_view>

namespace mlobs::prometheus_sink {
namespace {

constexpr std::array<std::string_view, 3> kStatuses = {"healthy", "degraded", "unhealthy"};

}  // namespace

HealthMetricsMapper::HealthMetricsMapper(const Host& host, prometheus::Registry* mirror,
                                         CardinalityGuard* guard)
    : health_(host,
              MetricSpec{MetricKind::kGauge,
                         "mlobs_deployment_health",
                         "1 for the deployment's current status (healthy, degraded, unhealthy), "
                         "0 for the others",
                         {"deployment_id", "status"},
                         {}},
              mirror, guard) {}

HealthMetricsMapper::Result HealthMetricsMapper::map(const RecordRef& rec) {
  auto deployment = rec.get_string("body.deployment_id");
  if (!deployment || deployment->empty()) return Result::kMissingDeploymentId;
  const std::string_view status = rec.get_string("body.status").value_or("");
  bool known = false;
  for (auto s : kStatuses) known |= s == status;
  if (!known) return Result::kUnknownStatus;

  const std::string_view healthy[] = {*deployment, kStatuses[0]};
  const std::string_view degraded[] = {*deployment, kStatuses[1]};
  const std::string_view unhealthy[] = {*deployment, kStatuses[2]};
  const std::array<std::pair<LabelValues, double>, kStatuses.size()> values = {{
      {healthy, kStatuses[0] == status ? 1.0 : 0.0},
      {degraded, kStatuses[1] == status ? 1.0 : 0.0},
      {unhealthy, kStatuses[2] == status ? 1.0 : 0.0},
  }};
  return health_.set_all(values) ? Result::kMapped : Result::kDropped;
}

}  // namespace mlobs::prometheus_sink
