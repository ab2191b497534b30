// The running graph: one thread per component, bounded queues on the edges, end-to-end
// acknowledgements back to the sources, restarts with backoff for failing components, and an
// orderly drain on stop (sources stop reading, everything in flight reaches the sinks, sinks
// flush, then sources get their final acknowledgements).
#pragma once

#include "common/status.h"
#include "config/config.h"
#include "host/component_context.h"
#include "loader/plugin_loader.h"
#include "pipeline/batch.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mlobs::agent {

class AgentMetrics;
class HealthRegistry;
class Logger;

struct PipelineOptions {
  bool once = false;  // sources read what they have now, then everything drains and ends
  size_t batch_max_records = 512;
  size_t queue_capacity_batches = 8;
  int64_t poll_interval_ms = 200;
  int64_t shutdown_timeout_ms = 30000;
  int64_t restart_backoff_initial_ms = 500;
  int64_t restart_backoff_max_ms = 60000;
};

PipelineOptions pipeline_options(const AgentSettings& agent, bool once);

class Pipeline {
 public:
  Pipeline(const PipelineConfig& config, const PluginCatalog& catalog, PipelineOptions options,
           HostServices* services, AgentMetrics* metrics, HealthRegistry* health, Logger* logger);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Creates and configures every component; the first failure is returned naming it.
  Status build();
  // Starts one thread per component (each calls its component's start()).
  void start();
  // Asks the sources to stop; everything in flight drains. Safe from any thread, repeatedly.
  void request_stop();
  // Blocks until every component finished and was stopped and destroyed.
  void wait();

  struct Node;

 private:
  void run_source(Node& node);
  void run_processor(Node& node);
  void run_sink(Node& node);
  void forward(Node& from, BatchPtr batch);
  void forward_emitted(Node& from);
  bool start_or_recover(Node& node, const Status& failure);
  bool interruptible_wait(int64_t ms);
  void finish();

  const PipelineConfig& config_;
  const PluginCatalog& catalog_;
  PipelineOptions options_;
  HostServices* services_;
  AgentMetrics* metrics_;
  HealthRegistry* health_;
  Logger* logger_;

  std::vector<std::unique_ptr<Node>> nodes_;  // topological order
  std::atomic<bool> stopping_{false};
  std::atomic<int> data_sources_running_{0};  // sources other than those reporting on the pipeline
  std::atomic<int64_t> stop_deadline_ns_{0};
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool finished_ = false;
};

}  // namespace mlobs::agent
