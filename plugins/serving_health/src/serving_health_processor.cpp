#include "serving_health_processor.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::serving_health {
namespace {

constexpr std::string_view kServingWindow = "serving_window";
constexpr std::string_view kDeploymentHealth = "deployment_health";

}  // namespace

bool ServingHealthProcessor::window_bounds(const ServingWindowFields& f, int64_t* start_ns,
                                           int64_t* end_ns) {
  const auto start_parsed = window_start_memo_.parse(f.window_start);
  const auto end_parsed = window_end_memo_.parse(f.window_end);
  if (!start_parsed || !end_parsed || *end_parsed <= *start_parsed) return false;
  *start_ns = *start_parsed;
  *end_ns = *end_parsed;
  return true;
}

Status ServingHealthProcessor::configure(const Config& config) {
  Status s = read_thresholds(config, &thresholds_);
  if (!s.ok()) return s;
  const std::string id(host().component_id());
  ignored_windows_ = host().counter("mlobs_serving_health_ignored_windows_total",
                                    "serving_window records a serving_health processor could not "
                                    "evaluate (they still pass through)",
                                    {"component", "reason"});
  untracked_windows_ =
      host()
          .counter("mlobs_serving_health_untracked_windows_total",
                   "serving_window records of deployments not tracked because max_deployments "
                   "was reached",
                   {"component"})
          .series({id});
  tracked_deployments_ =
      host()
          .gauge("mlobs_serving_health_tracked_deployments",
                 "Deployments a serving_health processor holds windows for", {"component"})
          .series({id});
  forgotten_deployments_ =
      host()
          .counter("mlobs_serving_health_forgotten_deployments_total",
                   "Deployments dropped after staying silent past forget_after", {"component"})
          .series({id});
  return Status::Ok();
}

Status ServingHealthProcessor::start() {
  host().schedule_tick(thresholds_.interval_ns / kNanosPerMilli);
  return Status::Ok();
}

Status ServingHealthProcessor::stop() {
  host().schedule_tick(0);
  return Status::Ok();
}

void ServingHealthProcessor::ignored(IgnoreReason reason) {
  static constexpr const char* kReasonNames[kReasons] = {
      "missing_deployment_id", "bad_window_bounds", "before_evaluation_window"};
  Series& series = ignored_by_reason_[reason];
  if (!series.handle()) {
    series = ignored_windows_.series({host().component_id(), kReasonNames[reason]});
  }
  series.add();
}

ServingHealthProcessor::Deployments::value_type* ServingHealthProcessor::take_window(
    const RecordRef& rec) {
  const ServingWindowFields& f = window_reader_.read(rec);
  const std::string_view deployment_id = f.deployment_id;
  if (deployment_id.empty()) {
    ignored(kMissingDeploymentId);
    return nullptr;
  }
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  if (!window_bounds(f, &start_ns, &end_ns)) {
    ignored(kBadWindowBounds);
    return nullptr;
  }

  auto it = deployments_.find(deployment_id);
  if (it == deployments_.end()) {
    if (static_cast<int64_t>(deployments_.size()) >= thresholds_.max_deployments) {
      untracked_windows_.add();
      return nullptr;
    }
    it = deployments_.try_emplace(std::string(deployment_id), thresholds_.evaluation_window_ns)
             .first;
    tracked_deployments_.set(static_cast<double>(deployments_.size()));
  }
  Deployment& d = it->second;

  WindowStats w;
  w.start_ns = start_ns;
  w.end_ns = end_ns;
  w.endpoint_name = f.endpoint_name;
  w.request_count = f.request_count;
  w.error_count = f.error_count;
  w.latency_p95_ms = f.latency_p95_ms;
  w.latency_p99_ms = f.latency_p99_ms;
  const bool newest = d.history.empty() || w.end_ns >= d.history.newest().end_ns;
  if (d.history.add(std::move(w)) == DeploymentWindowHistory::AddResult::kTooOld) {
    ignored(kBeforeEvaluationWindow);
    return &*it;
  }
  if (newest) {
    // assign() reuses each string's buffer: identities rarely change between windows.
    d.identity.model_name.assign(f.model_name);
    d.identity.model_version.assign(f.model_version);
    d.identity.bundle_id.assign(f.bundle_id);
    d.identity.input_dataset_name.assign(f.input_dataset_name);
    d.identity.input_dataset_version.assign(f.input_dataset_version);
  }
  return &*it;
}

OwnedRecord ServingHealthProcessor::health_record(const std::string& deployment_id,
                                                  const Deployment& d,
                                                  const HealthVerdict& verdict) const {
  OwnedRecord rec = host().create_record(kDeploymentHealth);
  const std::string latest_end = rfc3339::format_utc(d.history.newest().end_ns);
  const std::string_view status = status_name(verdict.status);
  rec.set("id", std::string(kDeploymentHealth) + ":" + deployment_id + "|" + latest_end + "|" +
                    std::string(status));
  rec.set("body.deployment_id", deployment_id);
  rec.set("body.model_name", d.identity.model_name);
  rec.set("body.model_version", d.identity.model_version);
  rec.set("body.bundle_id", d.identity.bundle_id);
  rec.set("body.input_dataset_name", d.identity.input_dataset_name);
  rec.set("body.input_dataset_version", d.identity.input_dataset_version);
  rec.set("body.status", status);
  rec.set("body.evaluated_windows", static_cast<int64_t>(d.history.size()));
  rec.set("body.latest_window_end", latest_end);
  rec.set("body.missing_window_count", d.history.missing_window_count());
  rec.set("body.detail", verdict.detail);
  return rec;
}

Status ServingHealthProcessor::process(Batch& batch) {
  // Each touched deployment is judged once per batch, after all of its windows are in.
  ++batch_number_;
  touched_.clear();
  const size_t n = batch.size();
  for (size_t i = 0; i < n; ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle() || rec.get_string("kind").value_or("") != kServingWindow) continue;
    Deployments::value_type* entry = take_window(rec);
    if (entry && entry->second.touched_in_batch != batch_number_) {
      entry->second.touched_in_batch = batch_number_;
      touched_.push_back(entry);
    }
  }
  // Reports come out in id order, as they did from an ordered set of ids.
  std::sort(touched_.begin(), touched_.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  const int64_t now = host().now_unix_nanos();
  for (Deployments::value_type* entry : touched_) {
    const std::string& id = entry->first;
    Deployment& d = entry->second;
    // Most batches change no status: the words are only worked out for a record.
    if (evaluate_health(d.history, thresholds_, now, /*explain=*/false).status == d.reported) {
      continue;
    }
    const HealthVerdict verdict = evaluate_health(d.history, thresholds_, now);
    Status s = host().emit(health_record(id, d, verdict));
    if (!s.ok()) return s;
    d.reported = verdict.status;
  }
  return Status::Ok();
}

Status ServingHealthProcessor::report_all(int64_t now_ns) {
  for (auto& [id, d] : deployments_) {
    HealthVerdict verdict = evaluate_health(d.history, thresholds_, now_ns);
    Status s = host().emit(health_record(id, d, verdict));
    if (!s.ok()) return s;
    d.reported = verdict.status;
  }
  return Status::Ok();
}

void ServingHealthProcessor::forget_silent(int64_t now_ns) {
  for (auto it = deployments_.begin(); it != deployments_.end();) {
    const Deployment& d = it->second;
    const bool silent = now_ns - d.history.newest().end_ns > thresholds_.forget_after_ns;
    if (silent && d.reported == HealthStatus::kUnhealthy) {
      host().info("forgetting a silent deployment", {{"deployment_id", it->first}});
      forgotten_deployments_.add();
      it = deployments_.erase(it);
    } else {
      ++it;
    }
  }
  tracked_deployments_.set(static_cast<double>(deployments_.size()));
}

Status ServingHealthProcessor::tick(int64_t now_unix_nanos) {
  Status s = report_all(now_unix_nanos);
  // Only after the report: a deployment is forgotten once its unhealthy status went out.
  forget_silent(now_unix_nanos);
  return s;
}

Status ServingHealthProcessor::flush() { return report_all(host().now_unix_nanos()); }

}  // namespace mlobs::serving_health
