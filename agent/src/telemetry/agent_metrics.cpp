#include "telemetry/agent_metrics.h"

#include <mlobs/plugin.h>

#include <stdexcept>

namespace mlobs::agent {
namespace {

MetricsRegistry::Family* must_register(MetricsRegistry* r, MetricType type, const char* name,
                                       const char* help, std::span<const std::string> labels) {
  std::string error;
  auto* f = r->register_family(type, name, help, labels, {}, &error);
  // Only a programming error (a plugin registered our name with another shape) lands here.
  if (!f) throw std::runtime_error(error);
  return f;
}

}  // namespace

AgentMetrics::AgentMetrics(MetricsRegistry* registry) : registry_(registry) {
  const std::string component[] = {"component", "type"};
  in_ = must_register(registry, MetricType::kCounter, "mlobs_component_records_in_total",
                      "Records received by a component", component);
  out_ = must_register(registry, MetricType::kCounter, "mlobs_component_records_out_total",
                       "Records a component sent on (sinks: accepted)", component);
  errors_ = must_register(registry, MetricType::kCounter, "mlobs_plugin_errors_total",
                          "Failed plugin callbacks", component);
  restarts_ = must_register(registry, MetricType::kCounter, "mlobs_component_restarts_total",
                            "Restarts of a failed component", component);
  retries_ = must_register(registry, MetricType::kCounter, "mlobs_sink_retries_total",
                           "Batches a sink asked to retry later", component);
  queue_ = must_register(registry, MetricType::kGauge, "mlobs_queue_depth_records",
                         "Records waiting on a component's input queue", component);
  const std::string build[] = {"version", "abi"};
  auto* info = must_register(registry, MetricType::kGauge, "mlobs_build_info",
                             "Agent build information", build);
  const std::string abi = std::to_string(MLOBS_ABI_VERSION_MAJOR) + "." +
                          std::to_string(MLOBS_ABI_VERSION_MINOR);
  const std::string_view values[] = {MLOBS_VERSION, abi};
  std::string error;
  MetricsRegistry::set(registry->series(info, values, &error), 1);
}

ComponentMetrics AgentMetrics::for_component(const std::string& id, const std::string& type) {
  const std::string_view labels[] = {id, type};
  std::string error;
  ComponentMetrics m;
  m.records_in = registry_->series(in_, labels, &error);
  m.records_out = registry_->series(out_, labels, &error);
  m.errors = registry_->series(errors_, labels, &error);
  m.restarts = registry_->series(restarts_, labels, &error);
  m.retries = registry_->series(retries_, labels, &error);
  m.queue_depth = registry_->series(queue_, labels, &error);
  return m;
}

}  // namespace mlobs::agent
