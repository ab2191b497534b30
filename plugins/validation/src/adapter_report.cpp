#include "adapter_report.h"

#include <iterator>
#include <string>
#include <string_view>

#include "metadata_file_checks.h"

namespace mlobs::validation {
namespace {

constexpr std::string_view kEveryReportChecks[] = {
    "file_exists", "valid_json", "dataset_name_present", "dataset_version_present",
    "freshness_computable"};

}  // namespace

bool is_complete_report(const CheckReport& report) {
  if (report.results.size() < std::size(kEveryReportChecks)) return false;
  for (size_t i = 0; i < std::size(kEveryReportChecks); ++i) {
    if (report.results[i].check != kEveryReportChecks[i]) return false;
  }
  return true;
}

CheckReport complete_adapter_report(const CheckReport& adapter) {
  std::string reason = "the adapter gave no reason";
  for (const CheckResult& r : adapter.results) {
    if (!r.passed && !r.detail.empty()) {
      reason = r.detail;
      break;
    }
  }
  const std::string no_record = "no record was built: " + reason;

  CheckReport report;
  report.metadata_path = adapter.metadata_path;
  auto& r = report.results;
  // The adapter read a dataset file or a training metadata file or bundle.
  r.push_back(check_file_exists(report.metadata_path, ExpectedEntry::kFileOrDirectory));
  r.push_back(check_valid_json(report.metadata_path, JsonExpectation::kJsonInputsOnly));
  for (std::string_view check :
       {kEveryReportChecks[2], kEveryReportChecks[3], kEveryReportChecks[4]}) {
    r.push_back(CheckResult::fail(check, no_record));
  }
  for (CheckResult result : adapter.results) {
    if (result.check.empty()) result.check = "adapter_check";
    if (!result.passed && result.detail.empty()) result.detail = "the adapter gave no reason";
    if (result.passed) result.detail.clear();
    r.push_back(std::move(result));
  }
  return report;
}

}  // namespace mlobs::validation
