// The `validation` processor: one check_report per piece of pipeline metadata. A dataset_build
// or training_run record stays in the batch and its report is appended after the batch's
// records; an adapter's check_report (metadata that made no record) is replaced, where it is in
// the batch, by the full report for the same path. Other records pass untouched.
#pragma once

#include <map>
#include <mlobs/plugin.hpp>
#include <string>

#include "mlobs/check_report/check_report.h"

namespace mlobs::validation {

class ValidationProcessor : public Processor {
 public:
  Status configure(const Config& config) override;
  Status process(Batch& batch) override;

 private:
  OwnedRecord report_record(const CheckReport& report) const;
  // Rewrites an adapter's report in place, so it keeps its place in the batch.
  Status replace_report(RecordRef& rec, const CheckReport& report) const;
  void count(const CheckReport& report);

  Series passed_reports_;
  Series failed_reports_;
  Metric failed_checks_;
  // One series per check name, made on first use.
  std::map<std::string, Series, std::less<>> failed_by_check_;
};

}  // namespace mlobs::validation
