// The upstream artifacts of the dataset and training path, as the feature pipeline and the
// training orchestrator leave them: under `root`,
//   datasets/churn_features.parquet  written by DuckDB, build 20260403_230612 (months old)
//   datasets/orders.json             JSON metadata, built ten minutes ago, 95 s build
//   datasets/broken.parquet          the first half of a Parquet file
//   runs/bundle_churn/               a training bundle that read churn_features@20260403_230612
#pragma once

#include <filesystem>
#include <string>

namespace mlobs::integration {

void write_ml_fixture_tree(const std::filesystem::path& root);

// "2026-...Z", `seconds` before now.
std::string rfc3339_seconds_ago(int seconds);

}  // namespace mlobs::integration
