#include "dataset_build_checks.h"

#include <optional>
#include <string>

#include "field_checks.h"
#include "metadata_file_checks.h"
#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::validation {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

CheckResult check_not_in_future(const FieldValue& built_at, int64_t now_ns) {
  constexpr std::string_view kCheck = "built_at_not_in_future";
  const std::optional<int64_t> at = parse_time(built_at);
  if (!at) {
    return CheckResult::fail(
        kCheck, unusable_time("built_at", built_at) + ", so it cannot be compared with the clock");
  }
  int64_t ahead_ns = 0;
  // An overflow is a difference of centuries: past either end, the sign says which.
  if (__builtin_sub_overflow(*at, now_ns, &ahead_ns)) ahead_ns = *at > now_ns ? INT64_MAX : 0;
  if (ahead_ns <= kAllowedClockSkewNanos) return CheckResult::pass(kCheck);
  return CheckResult::fail(
      kCheck, "built_at " + built_at.text + " is " + seconds_in_words(ahead_ns / kNanosPerSecond) +
                  " ahead of the clock (" + rfc3339::format_utc(now_ns) + "; at most " +
                  seconds_in_words(kAllowedClockSkewNanos / kNanosPerSecond) + " allowed)");
}

}  // namespace

CheckReport check_dataset_build(const DatasetBuildFields& f, int64_t now_ns) {
  CheckReport report;
  report.metadata_path = f.path.is_string() ? f.path.text : std::string();
  auto& r = report.results;
  r.push_back(check_file_exists(report.metadata_path, ExpectedEntry::kRegularFile));
  r.push_back(check_valid_json(report.metadata_path, JsonExpectation::kJsonInputsOnly));
  r.push_back(check_string_present("dataset_name_present", "dataset_name", f.dataset_name,
                                   /*unknown_is_missing=*/false));
  r.push_back(check_string_present("dataset_version_present", "dataset_version", f.dataset_version,
                                   /*unknown_is_missing=*/false));
  r.push_back(check_timestamp("freshness_computable", "built_at", f.built_at));
  r.push_back(check_count("row_count_non_negative", "row_count", f.row_count));
  r.push_back(check_count("feature_count_non_negative", "feature_count", f.feature_count));
  r.push_back(check_not_in_future(f.built_at, now_ns));
  return report;
}

}  // namespace mlobs::validation
