// What one OpenLineage run is made of, read from a record: the lineage event the shared mapping
// makes of a dataset_build or training_run (or a ready-made `lineage` record's body), plus what
// OpenLineage can say beyond it: whether the run failed, the built dataset's columns and rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlobs/lineage/lineage_event.h"
#include "mlobs/lineage/record_fields.h"

namespace mlobs::openlineage {

struct RunToExport {
  lineage::LineageEvent event;            // run, job, inputs, outputs, terminal time
  std::string terminal_type = "COMPLETE";  // or FAIL / ABORT
  // Of the first output (the dataset a build wrote); empty / nullopt when the record says nothing.
  std::vector<std::string> output_columns;
  std::optional<int64_t> output_row_count;
};

struct MappedRun {
  std::optional<RunToExport> run;
  std::string reason;  // when there is no run: lineage::kUnsupportedKind, kMissingField, ...
  std::string detail;
};

// By the record's kind: dataset_build, training_run or lineage. `namespace_name` is the job
// namespace of runs the mapping makes (a `lineage` record brings its own).
MappedRun map_run(const lineage::RecordFields& record, std::string_view namespace_name);

// "failed", "FAIL", "failure", "error", "errored" (any case): a status that ends a run in FAIL.
bool is_failure_status(std::string_view status);

}  // namespace mlobs::openlineage
