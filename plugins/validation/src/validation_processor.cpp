#include "validation_processor.h"

#include <utility>
#include <vector>

#include "adapter_report.h"
#include "dataset_build_checks.h"
#include "record_fields.h"
#include "training_run_checks.h"

namespace mlobs::validation {
namespace {

constexpr std::string_view kDatasetBuild = "dataset_build";
constexpr std::string_view kTrainingRun = "training_run";
constexpr std::string_view kCheckReport = "check_report";

std::string report_id(const CheckReport& report) {
  return std::string(kCheckReport) + ":" + report.metadata_path;
}

}  // namespace

Status ValidationProcessor::configure(const Config&) {
  const std::string id(host().component_id());
  Metric reports = host().counter("mlobs_validation_reports_total",
                                  "check_report records a validation processor sent, by outcome",
                                  {"component", "result"});
  passed_reports_ = reports.series({id, "passed"});
  failed_reports_ = reports.series({id, "failed"});
  failed_checks_ = host().counter("mlobs_validation_checks_failed_total",
                                  "Failed checks in the reports of a validation processor",
                                  {"component", "check"});
  return Status::Ok();
}

void ValidationProcessor::count(const CheckReport& report) {
  (report.all_passed() ? passed_reports_ : failed_reports_).add();
  for (const CheckResult& r : report.results) {
    if (r.passed) continue;
    auto it = failed_by_check_.find(r.check);
    if (it == failed_by_check_.end()) {
      it =
          failed_by_check_.emplace(r.check, failed_checks_.series({host().component_id(), r.check}))
              .first;
    }
    it->second.add();
  }
}

OwnedRecord ValidationProcessor::report_record(const CheckReport& report) const {
  OwnedRecord rec = host().parse_record(kCheckReport, report.body_json());
  if (rec) rec.set("id", report_id(report));
  return rec;
}

Status ValidationProcessor::replace_report(RecordRef& rec, const CheckReport& report) const {
  Status s = rec.set_json("body", report.body_json());
  if (s.ok()) s = rec.set("id", report_id(report));
  if (s.ok()) s = rec.set("source", host().component_id());
  if (!s.ok()) return Status::Internal("rewriting a check_report failed: " + s.message());
  return Status::Ok();
}

Status ValidationProcessor::process(Batch& batch) {
  const int64_t now = host().now_unix_nanos();
  // Appended only after the walk, so the walk sees the batch as it came.
  std::vector<CheckReport> appended;
  const size_t n = batch.size();
  for (size_t i = 0; i < n; ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    const std::string kind = rec.kind();
    if (kind == kDatasetBuild) {
      appended.push_back(check_dataset_build(read_dataset_build(rec), now));
    } else if (kind == kTrainingRun) {
      appended.push_back(check_training_run(read_training_run(rec)));
    } else if (kind == kCheckReport) {
      const CheckReport adapter = read_check_report(rec);
      if (is_complete_report(adapter)) continue;  // made by a validation step upstream
      const CheckReport full = complete_adapter_report(adapter);
      Status s = replace_report(rec, full);
      if (!s.ok()) return s;
      count(full);
    }
  }
  for (const CheckReport& report : appended) {
    OwnedRecord rec = report_record(report);
    if (!rec) return Status::Internal("the host refused a check_report record");
    Status s = batch.append(std::move(rec));
    if (!s.ok()) return s;
    count(report);
  }
  return Status::Ok();
}

}  // namespace mlobs::validation
