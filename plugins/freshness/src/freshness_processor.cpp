#include "freshness_processor.h"

#include <algorithm>
#include <optional>

#include "freshness_verdict.h"
#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::freshness {
namespace {

constexpr std::string_view kDatasetBuild = "dataset_build";
constexpr std::string_view kFreshness = "freshness";
constexpr std::string_view kStateKey = "datasets";

// Evaluations are stamped to the millisecond, as observed_at is: readable times and ids, and
// two reports within one millisecond are the same report.
int64_t to_millis(int64_t unix_nanos) { return unix_nanos - unix_nanos % kNanosPerMilli; }

}  // namespace

Status FreshnessProcessor::configure(const Config& config) {
  Status s = read_settings(config, &settings_);
  if (!s.ok()) return s;
  datasets_ = KnownDatasets(settings_.max_datasets);
  const std::string id(host().component_id());
  skipped_builds_ = host().counter("mlobs_freshness_skipped_total",
                                   "dataset_build records a freshness processor could not track "
                                   "(they still pass through)",
                                   {"component", "reason"});
  tracked_datasets_ = host()
                          .gauge("mlobs_freshness_tracked_datasets",
                                 "Datasets a freshness processor reports", {"component"})
                          .series({id});
  return Status::Ok();
}

Status FreshnessProcessor::start() {
  datasets_.decode(host().state_get(kStateKey).value_or(""));
  tracked_datasets_.set(static_cast<double>(datasets_.size()));
  host().schedule_tick(settings_.interval_ns / kNanosPerMilli);
  return Status::Ok();
}

Status FreshnessProcessor::stop() {
  host().schedule_tick(0);
  return Status::Ok();
}

void FreshnessProcessor::skipped(SkipReason reason, std::string_view dataset_name,
                                 std::string_view built_at) {
  static constexpr const char* kReasonNames[kReasons] = {"missing_dataset_name", "bad_built_at",
                                                         "too_many_datasets"};
  Series& series = skipped_by_reason_[reason];
  if (!series.handle()) {
    series = skipped_builds_.series({host().component_id(), kReasonNames[reason]});
  }
  series.add();
  if (!warned_[reason]) {
    warned_[reason] = true;
    host().warn(
        "a dataset_build is not tracked for freshness (further ones for this reason are "
        "only counted)",
        {{"reason", kReasonNames[reason]}, {"dataset_name", dataset_name}, {"built_at", built_at}});
  }
}

std::string FreshnessProcessor::take_build(const RecordRef& rec, bool* changed) {
  const std::string_view name = rec.get_string("body.dataset_name").value_or("");
  const std::string_view built_at = rec.get_string("body.built_at").value_or("");
  if (name.empty()) {
    skipped(kMissingDatasetName, name, built_at);
    return {};
  }
  const std::optional<int64_t> built_at_ns = rfc3339::parse_unix_nanos(built_at);
  if (!built_at_ns) {
    skipped(kBadBuiltAt, name, built_at);
    return {};
  }
  const std::string_view version = rec.get_string("body.dataset_version").value_or("");
  switch (datasets_.take(name, version, *built_at_ns)) {
    case KnownDatasets::TakeResult::kFull:
      skipped(kTooManyDatasets, name, built_at);
      return {};
    case KnownDatasets::TakeResult::kAdded:
    case KnownDatasets::TakeResult::kReplaced:
      *changed = true;
      break;
    case KnownDatasets::TakeResult::kKept:
      break;
  }
  return std::string(name);
}

Status FreshnessProcessor::report(const std::string& dataset_name, const NewestBuild& build,
                                  int64_t unix_nanos) const {
  const int64_t now_ns = to_millis(unix_nanos);
  const FreshnessVerdict verdict =
      evaluate_freshness(build.built_at_ns, now_ns, settings_.threshold_ns);
  const std::string evaluated_at = rfc3339::format_utc(now_ns);
  OwnedRecord rec = host().create_record(kFreshness);
  if (!rec) return Status::Internal("the host refused a freshness record");
  rec.set("id", std::string(kFreshness) + ":" + dataset_name + ":" + evaluated_at);
  rec.set("body.dataset_name", dataset_name);
  rec.set("body.dataset_version", build.dataset_version);
  rec.set("body.built_at", rfc3339::format_utc(build.built_at_ns));
  rec.set("body.freshness_seconds", verdict.freshness_seconds);
  rec.set("body.status", status_name(verdict));
  rec.set("body.threshold_seconds",
          static_cast<double>(settings_.threshold_ns) / static_cast<double>(kNanosPerSecond));
  rec.set("body.evaluated_at", evaluated_at);
  return host().emit(std::move(rec));
}

Status FreshnessProcessor::process(Batch& batch) {
  std::vector<std::string> touched;
  bool changed = false;
  const size_t n = batch.size();
  for (size_t i = 0; i < n; ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle() || rec.get_string("kind").value_or("") != kDatasetBuild) continue;
    std::string name = take_build(rec, &changed);
    if (!name.empty()) touched.push_back(std::move(name));
  }
  if (changed) {
    store();
    tracked_datasets_.set(static_cast<double>(datasets_.size()));
  }
  // One record per dataset per batch, by name, for its newest build.
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  const int64_t now = host().now_unix_nanos();
  for (const std::string& name : touched) {
    Status s = report(name, datasets_.all().find(name)->second, now);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status FreshnessProcessor::report_all(int64_t now_ns) const {
  for (const auto& [name, build] : datasets_.all()) {
    Status s = report(name, build, now_ns);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status FreshnessProcessor::tick(int64_t now_unix_nanos) { return report_all(now_unix_nanos); }

Status FreshnessProcessor::flush() { return report_all(host().now_unix_nanos()); }

void FreshnessProcessor::store() const {
  // A failed write only costs the datasets after a restart, until they build again.
  Status s = host().state_put(kStateKey, datasets_.encode());
  if (!s.ok()) host().warn("storing the known datasets failed: " + s.message());
}

}  // namespace mlobs::freshness
