#include "training_run_checks.h"

#include <optional>
#include <string>

#include "field_checks.h"
#include "metadata_file_checks.h"

namespace mlobs::validation {
namespace {

// started_at is optional: absent or "unknown" leaves nothing to compare.
CheckResult check_completed_after_started(const FieldValue& started_at,
                                          const FieldValue& completed_at) {
  constexpr std::string_view kCheck = "completed_not_before_started";
  if (started_at.type == MLOBS_TYPE_ABSENT || started_at.type == MLOBS_TYPE_NULL ||
      (started_at.is_string() && started_at.text == kUnknown)) {
    return CheckResult::pass(kCheck);
  }
  const std::optional<int64_t> started = parse_time(started_at);
  if (!started) return CheckResult::fail(kCheck, unusable_time("started_at", started_at));
  const std::optional<int64_t> completed = parse_time(completed_at);
  if (!completed) {
    return CheckResult::fail(kCheck, unusable_time("completed_at", completed_at) +
                                         ", so it cannot be compared with started_at");
  }
  if (*completed >= *started) return CheckResult::pass(kCheck);
  return CheckResult::fail(
      kCheck, "completed_at " + completed_at.text + " is before started_at " + started_at.text);
}

CheckResult check_metrics(const FieldValue& metrics) {
  constexpr std::string_view kCheck = "metrics_numeric";
  if (metrics.type == MLOBS_TYPE_ABSENT) return CheckResult::fail(kCheck, "metrics is missing");
  if (metrics.type != MLOBS_TYPE_OBJECT) {
    return CheckResult::fail(kCheck, std::string("metrics is ") + describe_type(metrics.type) +
                                         ", not an object of numbers");
  }
  std::string bad;
  size_t bad_count = 0;
  for (const auto& [name, type] : metrics.members) {
    if (type == MLOBS_TYPE_INT || type == MLOBS_TYPE_DOUBLE) continue;
    // The first few are named; the count says how many more.
    if (++bad_count <= 3) {
      bad += (bad.empty() ? "" : ", ") + in_quotes(name) + " is " + describe_type(type);
    }
  }
  if (bad_count == 0) return CheckResult::pass(kCheck);
  if (bad_count > 3) bad += " and " + std::to_string(bad_count - 3) + " more";
  return CheckResult::fail(kCheck, "metrics that are not numbers: " + bad);
}

}  // namespace

CheckReport check_training_run(const TrainingRunFields& f) {
  CheckReport report;
  report.metadata_path = f.metadata_path.is_string() ? f.metadata_path.text : std::string();
  auto& r = report.results;
  r.push_back(check_file_exists(report.metadata_path, ExpectedEntry::kFileOrDirectory));
  r.push_back(check_valid_json(report.metadata_path, JsonExpectation::kAlways));
  r.push_back(check_string_present("dataset_name_present", "input_dataset_name",
                                   f.input_dataset_name, /*unknown_is_missing=*/true));
  r.push_back(check_string_present("dataset_version_present", "input_dataset_version",
                                   f.input_dataset_version, /*unknown_is_missing=*/true));
  r.push_back(check_timestamp("freshness_computable", "completed_at", f.completed_at));
  r.push_back(check_string_present("run_id_present", "run_id", f.run_id,
                                   /*unknown_is_missing=*/true));
  r.push_back(check_string_present("model_name_present", "model_name", f.model_name,
                                   /*unknown_is_missing=*/true));
  r.push_back(check_completed_after_started(f.started_at, f.completed_at));
  r.push_back(check_metrics(f.metrics));
  return report;
}

}  // namespace mlobs::validation
