#include "lifecycle_metrics_mapper.h"

#include "mlobs/rfc3339/rfc3339.h"

#include <cmath>
#include <optional>

namespace mlobs::prometheus_sink {
namespace {

// From a one-second rebuild of a small table to a day-long backfill.
const std::vector<double> kBuildBuckets = {1,   5,    15,   30,   60,    120,   300,  600,
                                           1200, 1800, 3600, 7200, 14400, 28800, 86400};
// From a one-minute fine-tune to a two-day training run.
const std::vector<double> kTrainingBuckets = {60,   300,   600,   1200,  1800,  3600,
                                              7200, 14400, 28800, 43200, 86400, 172800};

// `field` as a finite number >= 0.
std::optional<double> seconds_at(const RecordRef& rec, const char* field) {
  const std::optional<double> v = rec.get_double(field);
  if (!v || !std::isfinite(*v) || *v < 0) return std::nullopt;
  return v;
}

}  // namespace

LifecycleMetricsMapper::LifecycleMetricsMapper(const Host& host, prometheus::Registry* mirror,
                                               CardinalityGuard* guard)
    : build_duration_(host,
                      MetricSpec{MetricKind::kHistogram,
                                 "ml_dataset_build_duration_seconds",
                                 "How long dataset builds took, as their metadata says",
                                 {"dataset_name"},
                                 kBuildBuckets},
                      mirror, guard),
      training_duration_(host,
                         MetricSpec{MetricKind::kHistogram,
                                    "ml_training_duration_seconds",
                                    "How long training runs took, completed_at - started_at",
                                    {"model_name"},
                                    kTrainingBuckets},
                         mirror, guard),
      freshness_(host,
                 MetricSpec{MetricKind::kGauge,
                            "ml_feature_freshness_seconds",
                            "Seconds since the newest build of each dataset, as last evaluated",
                            {"dataset_name"},
                            {}},
                 mirror, guard) {}

LifecycleMetricsMapper::Result LifecycleMetricsMapper::map(std::string_view kind,
                                                           const RecordRef& rec) {
  if (kind == "dataset_build") return map_dataset_build(rec);
  if (kind == "training_run") return map_training_run(rec);
  return map_freshness(rec);
}

LifecycleMetricsMapper::Result LifecycleMetricsMapper::map_dataset_build(const RecordRef& rec) {
  const auto name = rec.get_string("body.dataset_name");
  if (!name || name->empty()) return Result::kMissingName;
  const std::optional<double> duration = seconds_at(rec, "body.build_duration_seconds");
  if (!duration) return Result::kNoDuration;
  const std::string_view labels[] = {*name};
  return build_duration_.observe(labels, *duration) ? Result::kMapped : Result::kDropped;
}

LifecycleMetricsMapper::Result LifecycleMetricsMapper::map_training_run(const RecordRef& rec) {
  const auto name = rec.get_string("body.model_name");
  if (!name || name->empty()) return Result::kMissingName;
  const auto started = rfc3339::parse_unix_nanos(rec.get_string("body.started_at").value_or(""));
  const auto completed =
      rfc3339::parse_unix_nanos(rec.get_string("body.completed_at").value_or(""));
  if (!started || !completed || *completed < *started) return Result::kNoDuration;
  const std::string_view labels[] = {*name};
  const double seconds = static_cast<double>(*completed - *started) / 1e9;
  return training_duration_.observe(labels, seconds) ? Result::kMapped : Result::kDropped;
}

LifecycleMetricsMapper::Result LifecycleMetricsMapper::map_freshness(const RecordRef& rec) {
  const auto name = rec.get_string("body.dataset_name");
  if (!name || name->empty()) return Result::kMissingName;
  const std::optional<double> seconds = seconds_at(rec, "body.freshness_seconds");
  if (!seconds) return Result::kNoFreshness;
  const std::string_view labels[] = {*name};
  return freshness_.set(labels, *seconds) ? Result::kMapped : Result::kDropped;
}

}  // namespace mlobs::prometheus_sink
