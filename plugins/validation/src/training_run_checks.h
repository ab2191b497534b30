// The check report of a training_run record: the five checks every report has (the dataset
// being the run's input dataset, the time its completion), then the training run contract's
// rules (DESIGN.md section 3). A training adapter writes "unknown" for what the upstream
// metadata does not say; for a required field that is a failure.
#pragma once

#include "mlobs/check_report/check_report.h"
#include "field_value.h"

namespace mlobs::validation {

struct TrainingRunFields {
  FieldValue metadata_path;  // the metadata file or the bundle directory
  FieldValue run_id;
  FieldValue model_name;
  FieldValue input_dataset_name;
  FieldValue input_dataset_version;
  FieldValue started_at;  // optional
  FieldValue completed_at;
  FieldValue metrics;  // an object of name -> number
};

// file_exists, valid_json, dataset_name_present, dataset_version_present,
// freshness_computable, run_id_present, model_name_present, completed_not_before_started,
// metrics_numeric. Reads the file system (see metadata_file_checks.h).
CheckReport check_training_run(const TrainingRunFields& fields);

}  // namespace mlobs::validation
