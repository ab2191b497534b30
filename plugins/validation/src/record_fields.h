// Reads what the checks need out of host records: body fields as FieldValues, and an adapter's
// check_report as a CheckReport.
#pragma once

#include <mlobs/plugin.hpp>
#include <string_view>

#include "mlobs/check_report/check_report.h"
#include "dataset_build_checks.h"
#include "field_value.h"
#include "training_run_checks.h"

namespace mlobs::validation {

// The value at `path` ("body.row_count"); an object's members come with their types.
FieldValue read_field(const RecordRef& rec, std::string_view path);

DatasetBuildFields read_dataset_build(const RecordRef& rec);
TrainingRunFields read_training_run(const RecordRef& rec);
CheckReport read_check_report(const RecordRef& rec);

}  // namespace mlobs::validation
