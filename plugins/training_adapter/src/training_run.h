// The training_run contract (DESIGN.md section 3) and the two ways a run is described upstream:
// a JSON metadata file holding the contract's fields, and a bundle directory (metadata.json,
// metrics.json, model_uri.txt). Mapping either gives a run, or the reason it cannot (a stable
// label for dead letters and check reports) and a detail.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::training_adapter {

// What stands in for a field the upstream stage did not write.
constexpr std::string_view kUnknown = "unknown";

struct TrainingRun {
  std::string run_id;
  std::string model_name;
  std::string model_version;  // kUnknown when not written; so are the three below
  std::string input_dataset_name;
  std::string input_dataset_version;
  std::string started_at;    // RFC 3339 UTC; empty: not written
  std::string completed_at;  // RFC 3339 UTC
  std::map<std::string, double> metrics;
  std::string artifact_path;
  std::string metadata_path;  // the file or bundle directory the run was read from
  // The fields that fell back to kUnknown, in contract order.
  std::vector<std::string> unknown_fields;

  // The record body: every field, started_at left out when not written.
  std::string to_json() const;
};

struct MappedRun {
  std::optional<TrainingRun> run;
  std::string reason;  // when there is no run: invalid_json, wrong_type, missing_field, ...
  std::string detail;
  std::string file;  // the bundle file at fault (e.g. "metrics.json"); empty: the path itself
};

// A run from a JSON metadata file (`path`, its text) holding the contract's fields.
MappedRun map_metadata_file(const std::string& path, std::string_view text);

// The texts of a bundle directory's files; a file not there is nullopt.
struct BundleTexts {
  std::string metadata;                  // metadata.json
  std::optional<std::string> metrics;    // metrics.json
  std::optional<std::string> model_uri;  // model_uri.txt
};

// A run from a bundle directory: metadata.json (run_id, candidate_name as model_name,
// model_version, created_at, and optionally started_at, completed_at, input_dataset_name,
// input_dataset_version), metrics.json (test_rmse as rmse, test_mae as mae, other names kept)
// and model_uri.txt (trimmed, as artifact_path).
MappedRun map_bundle(const std::string& dir, const BundleTexts& texts);

}  // namespace mlobs::training_adapter
