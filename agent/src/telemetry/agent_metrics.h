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
};

class AgentMetrics {
 public:
  explicit AgentMetrics(MetricsRegistry* registry);
  ComponentMetrics for_component(const std::string& id, const std::string& type);
  MetricsRegistry* registry() const { return registry_; }

 private:
  MetricsRegistry* registry_;
  MetricsRegistry::Family* in_ = nullptr;
  MetricsRegistry::Family* out_ = nullptr;
  MetricsRegistry::Family* errors_ = nullptr;
  MetricsRegistry::Family* restarts_ = nullptr;
  MetricsRegistry::Family* retries_ = nullptr;
  MetricsRegistry::Family* queue_ = nullptr;
};

}  // namespace mlobs::agent
