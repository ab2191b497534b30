// The agent's own metrics, per component: records in/out, errors, restarts, queue depth; plus
// build info. Series handles are resolved once per component, not per batch.
#pragma once

#include "telemetry/metrics_registry.h"

#include <string>

namespace mlobs::agent {

struct ComponentMetrics {
  MetricsRegistry::Series* records_in = nullptr;
  MetricsRegistry::Series* records_out = nullptr;
  MetricsRegistry::Series* errors = nullptr;
  MetricsRegistry::Series* restarts = nullptr;
  MetricsRegistry::Series* retries = nullptr;
  MetricsRegistry::Series* queue_depth = nullptr;  // records waiting on the component's input
  // Sinks only (for_sink): what their buffer holds, how long one delivery attempt takes, and
  // the records they rejected for good.
  MetricsRegistry::Series* buffer_records = nullptr;
  MetricsRegistry::Series* buffer_bytes = nullptr;
  MetricsRegistry::Series* send_seconds = nullptr;
  MetricsRegistry::Series* dead_lettered = nullptr;
};

class AgentMetrics {
 public:
  explicit AgentMetrics(MetricsRegistry* registry);
  ComponentMetrics for_component(const std::string& id, const std::string& type);
  // for_component plus the delivery series of a sink.
  ComponentMetrics for_sink(const std::string& id, const std::string& type);
  MetricsRegistry* registry() const { return registry_; }

 private:
  MetricsRegistry* registry_;
  MetricsRegistry::Family* in_ = nullptr;
  MetricsRegistry::Family* out_ = nullptr;
  MetricsRegistry::Family* errors_ = nullptr;
  MetricsRegistry::Family* restarts_ = nullptr;
  MetricsRegistry::Family* retries_ = nullptr;
  MetricsRegistry::Family* queue_ = nullptr;
  MetricsRegistry::Family* buffer_records_ = nullptr;
  MetricsRegistry::Family* buffer_bytes_ = nullptr;
  MetricsRegistry::Family* send_seconds_ = nullptr;
  MetricsRegistry::Family* dead_lettered_ = nullptr;
};

}  // namespace mlobs::agent
