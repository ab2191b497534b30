#include "support/ml_fixture_tree.h"

#include "support/build_paths.h"
#include "support/text_files.h"

#include <ctime>

namespace mlobs::integration {

std::string rfc3339_seconds_ago(int seconds) {
  const std::time_t t = std::time(nullptr) - seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  return std::string(buf, std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm));
}

void write_ml_fixture_tree(const std::filesystem::path& root) {
  const std::filesystem::path parquet =
      std::filesystem::path(kSourceDir) / "plugins/dataset_adapter/tests/fixtures/churn_features.parquet";
  std::filesystem::create_directories(root / "datasets");
  std::filesystem::copy_file(parquet, root / "datasets/churn_features.parquet");
  const std::string whole = read_file(parquet).value();
  write_file(root / "datasets/broken.parquet", whole.substr(0, whole.size() / 2));
  write_file(root / "datasets/orders.json",
             R"({"dataset_name":"orders","dataset_version":"v42","built_at":")" +
                 rfc3339_seconds_ago(600) +
                 R"(","row_count":5000,"build_duration_seconds":95,"source_data":["s3://raw/orders"]})");
  write_file(root / "runs/bundle_churn/metadata.json",
             R"({"run_id":"run-2026-04-04-001","candidate_name":"churn_model","model_version":"3",
                 "created_at":"2026-04-04T01:30:00Z","started_at":"2026-04-04T01:00:00Z",
                 "input_dataset_name":"churn_features","input_dataset_version":"20260403_230612"})");
  write_file(root / "runs/bundle_churn/metrics.json", R"({"test_rmse":0.31,"test_mae":0.22})");
  write_file(root / "runs/bundle_churn/model_uri.txt", "s3://models/churn_model/3\n");
}

}  // namespace mlobs::integration
