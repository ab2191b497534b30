#include "prometheus_sink.h"

#include <string_view>

namespace mlobs::prometheus_sink {
namespace {

// Job and grouping values become path segments of the push URL: a "/" would change the group.
bool valid_segment(std::string_view v) {
  return !v.empty() && v.find('/') == std::string_view::npos;
}

}  // namespace

PrometheusSink::~PrometheusSink() { stop(); }

Status PrometheusSink::configure(const Config& config) {
  const int64_t max_series = config.get_int("max_series", 10000);
  if (max_series <= 0) return Status::InvalidArgument("max_series must be greater than 0");
  max_series_ = static_cast<size_t>(max_series);

  const std::string url = config.get_string("push.url");
  if (url.empty()) {
    push_.reset();
    return Status::Ok();
  }
  PushTarget target;
  std::string error;
  if (!parse_push_url(url, &target, &error)) return Status::InvalidArgument(error);
  target.job = config.get_string("push.job", "mlobs");
  if (!valid_segment(target.job)) {
    return Status::InvalidArgument("push.job must be non-empty and contain no \"/\"");
  }
  const int64_t interval_ms = config.get_duration_ms("push.interval", 15000);
  if (interval_ms <= 0) return Status::InvalidArgument("push.interval must be greater than 0");
  target.interval = std::chrono::milliseconds(interval_ms);
  const int64_t timeout_ms = config.get_duration_ms("push.timeout", 10000);
  if (timeout_ms <= 0) return Status::InvalidArgument("push.timeout must be greater than 0");
  target.timeout = std::chrono::milliseconds(timeout_ms);

  const RecordRef rec = config.record();
  const std::string grouping = "body.push.grouping";
  for (size_t i = 0; i < rec.size(grouping); ++i) {
    const std::string key(rec.key(grouping, i).value_or(""));
    const auto value = rec.get_string(grouping + "." + key);
    if (key.empty() || !value || !valid_segment(*value)) {
      return Status::InvalidArgument("push.grouping." + key +
                                     " must be a non-empty string without \"/\"");
    }
    target.grouping.emplace(key, std::string(*value));
  }
  push_ = std::move(target);
  return Status::Ok();
}

Status PrometheusSink::start() {
  if (serving_) return Status::Ok();
  const std::string component(host().component_id());
  series_dropped_ =
      host()
          .counter("mlobs_prometheus_series_dropped_total",
                   "Metric series not created because max_series was reached", {"component"})
          .series({component});
  pushes_ = host()
                .counter("mlobs_prometheus_pushes_total", "Successful pushes to the Pushgateway",
                         {"component"})
                .series({component});
  push_failures_ = host()
                       .counter("mlobs_prometheus_push_failures_total",
                                "Pushes to the Pushgateway that failed", {"component"})
                       .series({component});
  records_skipped_ =
      host().counter("mlobs_prometheus_records_skipped_total",
                     "Records of a mapped kind that could not be mapped", {"component", "reason"});

  guard_ =
      std::make_unique<CardinalityGuard>(max_series_, [this](std::string_view metric, bool first) {
        series_dropped_.add();
        if (first) {
          host().warn("max_series reached: new series of this metric are dropped",
                      {{"metric", metric}, {"max_series", std::to_string(max_series_)}});
        }
      });
  if (push_) mirror_ = std::make_shared<prometheus::Registry>();
  serving_ = std::make_unique<ServingMetricsMapper>(host(), mirror_.get(), guard_.get());
  health_ = std::make_unique<HealthMetricsMapper>(host(), mirror_.get(), guard_.get());
  lifecycle_ = std::make_unique<LifecycleMetricsMapper>(host(), mirror_.get(), guard_.get());

  if (push_) {
    pusher_ = std::make_unique<PushgatewayPusher>(*push_, mirror_, [this](int status) {
      if (status >= 200 && status < 300) {
        pushes_.add();
        return;
      }
      push_failures_.add();
      // The host's logger rate-limits repeats, so a gateway that stays down does not flood.
      host().warn(
          "push to the Pushgateway failed",
          {{"url", push_->host + ":" + push_->port},
           {"http_status", status < 0 ? std::string("no response") : std::to_string(status)}});
    });
    pusher_->start();
  }
  return Status::Ok();
}

void PrometheusSink::skipped(const char* reason) {
  records_skipped_.series({host().component_id(), reason}).add();
}

Status PrometheusSink::write(Batch& batch) {
  if (!serving_) return Status::FailedPrecondition("write before start");
  for (size_t i = 0; i < batch.size(); ++i) {
    const RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    const std::string_view kind = rec.get_string("kind").value_or("");
    if (kind == "serving_window") {
      if (serving_->map(rec) == ServingMetricsMapper::Result::kMissingDeploymentId) {
        skipped("missing_deployment_id");
      }
    } else if (kind == "deployment_health") {
      switch (health_->map(rec)) {
        case HealthMetricsMapper::Result::kMissingDeploymentId:
          skipped("missing_deployment_id");
          break;
        case HealthMetricsMapper::Result::kUnknownStatus: skipped("unknown_status"); break;
        case HealthMetricsMapper::Result::kMapped:
        case HealthMetricsMapper::Result::kDropped:  // counted by the guard
          break;
      }
    } else if (LifecycleMetricsMapper::maps(kind)) {
      switch (lifecycle_->map(kind, rec)) {
        case LifecycleMetricsMapper::Result::kMissingName: skipped("missing_name"); break;
        case LifecycleMetricsMapper::Result::kNoDuration: skipped("no_duration"); break;
        case LifecycleMetricsMapper::Result::kNoFreshness: skipped("no_freshness"); break;
        case LifecycleMetricsMapper::Result::kMapped:
        case LifecycleMetricsMapper::Result::kDropped:
          break;
      }
    }
    // Other kinds are not metrics this sink knows; a pipeline may route anything here.
  }
  return Status::Ok();
}

Status PrometheusSink::stop() {
  if (pusher_) {
    pusher_->stop();  // one last push, then the thread is joined
    pusher_.reset();
  }
  return Status::Ok();
}

}  // namespace mlobs::prometheus_sink
