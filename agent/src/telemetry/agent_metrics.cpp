#include "telemetry/agent_metrics.h"

#include <mlobs/plugin.h>

#include <stdexcept>

namespace mlobs::agent {
namespace {

MetricsRegistry::Family* must_register(MetricsRegistry* r, MetricType type, const char* name,
                                       const char* help, std::span<const std::string> labels,
                                       std::span<const double> buckets = {}) {
  std::string error;
  auto* f = r->register_family(type, name, help, labels, buckets, &error);
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
  buffer_records_ = must_register(registry, MetricType::kGauge, "mlobs_sink_buffer_records",
                                  "Records a sink holds that are not delivered yet", component);
  buffer_bytes_ = must_register(registry, MetricType::kGauge, "mlobs_sink_buffer_bytes",
                                "Bytes of a sink's disk buffer files", component);
  // From a local file write to a slow remote backend near its timeout.
  const double send_buckets[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  send_seconds_ = must_register(registry, MetricType::kHistogram, "mlobs_sink_send_seconds",
                                "Time of one delivery attempt of a batch by a sink", component,
                                send_buckets);
  dead_lettered_ = must_register(registry, MetricType::kCounter,
                                 "mlobs_sink_dead_lettered_records_total",
                                 "Records a sink rejected for good (sent to the dead-letter output)",
                                 component);
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

ComponentMetrics AgentMetrics::for_sink(const std::string& id, const std::string& type) {
  ComponentMetrics m = for_component(id, type);
  const std::string_view labels[] = {id, type};
  std::string error;
  m.buffer_records = registry_->series(buffer_records_, labels, &error);
  m.buffer_bytes = registry_->series(buffer_bytes_, labels, &error);
  m.send_seconds = registry_->series(send_seconds_, labels, &error);
  m.dead_lettered = registry_->series(dead_lettered_, labels, &error);
  return m;
}

}  // namespace mlobs::agent
