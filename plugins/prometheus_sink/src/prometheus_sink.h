// The `prometheus` sink: maps serving windows, deployment health, dataset builds, training runs
// and freshness to ML metrics on the agent's /metrics, and optionally pushes them to a
// Pushgateway. Records of other kinds are ignored.
#pragma once

#include <mlobs/plugin.hpp>

#include "cardinality_guard.h"
#include "health_metrics_mapper.h"
#include "lifecycle_metrics_mapper.h"
#include "pushgateway_pusher.h"
#include "serving_metrics_mapper.h"

#include <memory>
#include <optional>
#include <string>

namespace mlobs::prometheus_sink {

class PrometheusSink : public Sink {
 public:
  ~PrometheusSink() override;

  Status configure(const Config& config) override;
  Status start() override;
  Status write(Batch& batch) override;
  Status stop() override;

 private:
  void skipped(const char* reason);

  size_t max_series_ = 10000;
  std::optional<PushTarget> push_;  // set when push.url is configured

  Series series_dropped_;
  Series pushes_;
  Series push_failures_;
  Metric records_skipped_;

  std::unique_ptr<CardinalityGuard> guard_;
  std::shared_ptr<prometheus::Registry> mirror_;  // what the pusher sends; null without push
  std::unique_ptr<ServingMetricsMapper> serving_;
  std::unique_ptr<HealthMetricsMapper> health_;
  std::unique_ptr<LifecycleMetricsMapper> lifecycle_;
  std::unique_ptr<PushgatewayPusher> pusher_;
};

}  // namespace mlobs::prometheus_sink
