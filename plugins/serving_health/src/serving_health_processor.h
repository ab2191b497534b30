// The `serving_health` processor: keeps the recent serving windows of each deployment,
// classifies the deployment with the health rules, and emits a deployment_health record when
// its status changes and for every deployment on each interval tick and at flush. It only reads
// its input (the windows pass through as they came, shared with other consumers, not copied).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mlobs/plugin.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deployment_window_history.h"
#include "health_rules.h"
#include "health_thresholds.h"
#include "rfc3339_memo.h"
#include "serving_window_fields.h"

namespace mlobs::serving_health {

class ServingHealthProcessor : public ReadOnlyProcessor {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status process(Batch& batch) override;
  Status tick(int64_t now_unix_nanos) override;
  Status flush() override;
  Status stop() override;

 private:
  // Copied from the newest window into every health record.
  struct Identity {
    std::string model_name;
    std::string model_version;
    std::string bundle_id;
    std::string input_dataset_name;
    std::string input_dataset_version;
  };
  struct Deployment {
    explicit Deployment(int64_t evaluation_window_ns) : history(evaluation_window_ns) {}
    Identity identity;
    DeploymentWindowHistory history;
    std::optional<HealthStatus> reported;  // the status of the last record sent
    uint64_t touched_in_batch = 0;         // the batch_number_ that last gave it a window
  };
  // std::less<>: found by any string-like id without building a std::string key.
  using Deployments = std::map<std::string, Deployment, std::less<>>;

  // Adds one serving_window to its deployment's history; returns the deployment, or null when
  // the window was not taken (counted by reason).
  Deployments::value_type* take_window(const RecordRef& rec);
  // Both bounds parse and the window is not empty.
  bool window_bounds(const ServingWindowFields& f, int64_t* start_ns, int64_t* end_ns);
  OwnedRecord health_record(const std::string& deployment_id, const Deployment& d,
                            const HealthVerdict& verdict) const;
  // Evaluates and emits every deployment (tick and flush).
  Status report_all(int64_t now_ns);
  void forget_silent(int64_t now_ns);
  enum IgnoreReason { kMissingDeploymentId, kBadWindowBounds, kBeforeEvaluationWindow, kReasons };
  void ignored(IgnoreReason reason);

  HealthThresholds thresholds_;
  Deployments deployments_;  // ordered: reports come out in a stable order
  // The deployments that received a window in the current batch, each once (marked with the
  // batch's number); kept between batches to reuse the allocation.
  std::vector<Deployments::value_type*> touched_;
  uint64_t batch_number_ = 0;
  ServingWindowReader window_reader_;  // reused: its buffers outlive each record
  Rfc3339Memo window_start_memo_;
  Rfc3339Memo window_end_memo_;
  Metric ignored_windows_;
  // One series per reason, made on first use (as before: a series is exported once made) and
  // kept, so an ignored window costs no label lookup.
  Series ignored_by_reason_[kReasons];
  Series untracked_windows_;
  Series tracked_deployments_;
  Series forgotten_deployments_;
};

}  // namespace mlobs::serving_health
