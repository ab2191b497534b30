// Upstream artifacts written the way the feature pipeline, the training orchestrator and the
// serving layer write them: what demo-metrics serves and simulate-prediction counts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace mlobs::agent {

struct ServingSample {
  std::string deployment_id = "demo-deployment";
  std::string model_name = "churn_model";
  std::string model_version = "3";
  int64_t windows = 1;                 // one-minute windows, the last one ending at `now`
  int64_t predictions_per_window = 1;  // each a successful request
};

// Windows under `root`/<date>/<hour>/<deployment_id>.jsonl (the serving_ingest layout); returns
// the file written, or an empty path when it could not be written.
std::filesystem::path write_serving_windows(const std::filesystem::path& root,
                                            const ServingSample& sample, int64_t now_unix_nanos);

// A dataset build metadata file, built `age_seconds` before `now`; returns the dataset version
// (its build_timestamp), empty when the file could not be written.
std::string write_dataset_metadata(const std::filesystem::path& file,
                                   const std::string& dataset_name, int64_t age_seconds,
                                   int64_t now_unix_nanos);

// A training run metadata file that read that dataset version, finished `age_seconds` before
// `now` after half an hour of training.
bool write_training_metadata(const std::filesystem::path& file, const std::string& dataset_name,
                             const std::string& dataset_version, const std::string& model_name,
                             int64_t age_seconds, int64_t now_unix_nanos);

}  // namespace mlobs::agent
