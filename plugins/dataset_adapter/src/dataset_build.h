// The dataset_build contract (DESIGN.md section 3) and the two ways a build is described
// upstream: a Parquet file's footer, and a JSON metadata file. Mapping either gives a build, or
// the reason it cannot (a stable label for dead letters and check reports) and a detail.
#pragma once

#include "parquet_footer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::dataset_adapter {

// What a source's configuration says about its datasets (never hard-coded).
struct DatasetSettings {
  std::vector<std::string> non_feature_columns;  // e.g. the entity, the event time, the target
  std::string target;
  std::string entity;
  std::string event_ts;
};

struct DatasetBuild {
  std::string dataset_name;
  std::string dataset_version;
  std::string path;
  std::string built_at;  // RFC 3339 UTC
  std::optional<int64_t> row_count;
  std::optional<int64_t> feature_count;
  std::string target;  // empty: not known
  std::string entity;
  std::string event_ts;
  std::string schema_version;
  // How long the build took, when the upstream says (feeds ml_dataset_build_duration_seconds).
  std::optional<double> build_duration_seconds;
  // What the build read (paths or URIs), when the upstream says: the inputs of its lineage.
  std::vector<std::string> source_data;

  // The record body: every known field, absent ones left out.
  std::string to_json() const;
};

struct Mapped {
  std::optional<DatasetBuild> build;
  std::string reason;  // when there is no build: missing_key, bad_build_timestamp, ...
  std::string detail;
};

// "20260403_230612" -> "2026-04-03T23:06:12Z"; nullopt unless it is a real UTC date and time.
std::optional<std::string> built_at_from_build_timestamp(std::string_view build_timestamp);

// A build from a Parquet footer's key/value metadata (build_timestamp required; row_count as a
// string, else the footer's num_rows; optional build_duration_seconds as a decimal string and
// source_data as a comma-separated list), the file stem as dataset_name, and the feature count
// as the columns minus the configured non-feature ones the file has.
Mapped map_parquet_footer(const std::filesystem::path& file, const parquet::Footer& footer,
                          const DatasetSettings& settings);

// A build from a JSON metadata file holding the contract's fields (plus build_duration_seconds,
// a number >= 0, and source_data, a string or an array of strings): build_timestamp stands in
// for a missing dataset_version and built_at, the configuration for a missing target, entity
// or event_ts, and the file's path for a missing path.
Mapped map_metadata_json(const std::filesystem::path& file, std::string_view text,
                         const DatasetSettings& settings);

}  // namespace mlobs::dataset_adapter
