// The check report of a dataset_build record: the five checks every report has, then the
// dataset build contract's rules (DESIGN.md section 3).
#pragma once

#include <cstdint>

#include "mlobs/check_report/check_report.h"
#include "field_value.h"

namespace mlobs::validation {

struct DatasetBuildFields {
  FieldValue path;  // the Parquet or JSON file the build was read from
  FieldValue dataset_name;
  FieldValue dataset_version;
  FieldValue built_at;
  FieldValue row_count;
  FieldValue feature_count;
};

// How far ahead of the clock a build time may be (clock skew between hosts) before it counts
// as a time in the future.
inline constexpr int64_t kAllowedClockSkewNanos = 5LL * 60 * 1'000'000'000;

// file_exists, valid_json, dataset_name_present, dataset_version_present,
// freshness_computable, row_count_non_negative, feature_count_non_negative,
// built_at_not_in_future. Reads the file system (see metadata_file_checks.h).
CheckReport check_dataset_build(const DatasetBuildFields& fields, int64_t now_unix_nanos);

}  // namespace mlobs::validation
