// What the dataset adapter spends per file, apart from the pipeline: reading a Parquet footer
// (from the DuckDB fixtures: a small schema, 301 columns, 64 row groups) and mapping it, and
// mapping a JSON metadata file.
#include "dataset_build.h"
#include "parquet_footer.h"

#include <benchmark/benchmark.h>

#include <string>

namespace {

using mlobs::dataset_adapter::DatasetSettings;

const std::string kFixtures = MLOBS_PARQUET_FIXTURES_DIR;

void read_footer(benchmark::State& state, const std::string& file) {
  const std::string path = kFixtures + "/" + file;
  for (auto _ : state) {
    auto footer = mlobs::parquet::read_footer(path);
    benchmark::DoNotOptimize(footer);
    if (!footer.footer) state.SkipWithError("the fixture did not read");
  }
}
BENCHMARK_CAPTURE(read_footer, churn_features_6_columns, "churn_features.parquet");
BENCHMARK_CAPTURE(read_footer, wide_301_columns, "wide.parquet");
BENCHMARK_CAPTURE(read_footer, many_row_groups_64, "many_row_groups.parquet");

void map_parquet_footer(benchmark::State& state) {
  const auto footer = mlobs::parquet::read_footer(kFixtures + "/churn_features.parquet");
  DatasetSettings settings;
  settings.non_feature_columns = {"account_id", "event_ts", "churned"};
  for (auto _ : state) {
    auto mapped = mlobs::dataset_adapter::map_parquet_footer("churn_features.parquet",
                                                             *footer.footer, settings);
    benchmark::DoNotOptimize(mapped.build->to_json());
  }
}
BENCHMARK(map_parquet_footer);

void map_metadata_json(benchmark::State& state) {
  const std::string text =
      R"({"dataset_name":"orders","dataset_version":"20261120_040000","built_at":"2026-11-20T04:00:00Z",)"
      R"("row_count":48210,"feature_count":17,"build_duration_seconds":95.5,)"
      R"("source_data":["s3://raw/orders/2026-11-20"],"entity":"order_id","event_ts":"ordered_at"})";
  const DatasetSettings settings;
  for (auto _ : state) {
    auto mapped = mlobs::dataset_adapter::map_metadata_json("orders.json", text, settings);
    benchmark::DoNotOptimize(mapped.build->to_json());
  }
}
BENCHMARK(map_metadata_json);

}  // namespace

BENCHMARK_MAIN();
