// The cost of crossing the plugin ABI: a process() call on a real plugin (passthrough.so) with
// batches of 1 (unbatched) to 1024 records, the same plus reaching every record and reading a
// field through the host table, and the typed accessors a plugin uses per field.
#include "host/component_context.h"
#include "host/host_api.h"
#include "loader/plugin_loader.h"
#include "pipeline/component_instance.h"
#include "pipeline/dead_letter.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

namespace mlobs::agent {
namespace {

struct Fixture {
  Logger logger{Logger::Options{LogLevel::kError}, [](std::string_view) {}};
  MetricsRegistry metrics;
  DeadLetterOutput dead_letter{"", &metrics, system_clock_unix_nanos};
  HostServices services;
  PluginCatalog catalog;

  Fixture() {
    services.logger = &logger;
    services.metrics = &metrics;
    services.dead_letter = &dead_letter;
    services.clock = system_clock_unix_nanos;
    std::string error;
    if (!catalog.load_file(std::string(MLOBS_PLUGIN_DIR) + "/passthrough.so", &error)) {
      std::cerr << error << "\n";
      std::abort();
    }
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

RecordPtr sample_record() {
  auto r = std::make_unique<Record>();
  parse_record("app_event",
               R"({"stage":"train","run":"run-000001","deployment_id":"dep-001","duration_ms":42,)"
               R"("rows":12345,"score":0.75,"n":1})",
               r.get());
  return r;
}

void BM_ProcessBatch(benchmark::State& state) {
  Fixture& f = fixture();
  ComponentInstance c(*f.catalog.find("passthrough"), "bench", &f.services);
  if (!c.create("{}").ok() || !c.start().ok()) {
    state.SkipWithError("passthrough did not start");
    return;
  }
  Batch batch;
  for (int64_t i = 0; i < state.range(0); ++i) batch.records.push_back(sample_record());
  for (auto _ : state) {
    Status s = c.process(&batch);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ProcessBatch)->Arg(1)->Arg(16)->Arg(128)->Arg(512)->Arg(1024);

// What a plugin's process() does per record: reach it through the batch and read a field.
void BM_ProcessAndReadEachRecord(benchmark::State& state) {
  Fixture& f = fixture();
  const mlobs_host_api* api = host_api_table(MLOBS_ABI_VERSION_MINOR);
  ComponentInstance c(*f.catalog.find("passthrough"), "bench", &f.services);
  if (!c.create("{}").ok() || !c.start().ok()) {
    state.SkipWithError("passthrough did not start");
    return;
  }
  Batch batch;
  for (int64_t i = 0; i < state.range(0); ++i) batch.records.push_back(sample_record());
  const mlobs_str path{"body.stage", 10};
  for (auto _ : state) {
    benchmark::DoNotOptimize(c.process(&batch));
    for (size_t i = 0; i < api->batch_size(&batch); ++i) {
      mlobs_str out{};
      benchmark::DoNotOptimize(api->get_string(api->batch_get(&batch, i), path, &out));
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ProcessAndReadEachRecord)->Arg(1)->Arg(16)->Arg(128)->Arg(512);

void BM_GetString(benchmark::State& state) {
  const mlobs_host_api* api = host_api_table(MLOBS_ABI_VERSION_MINOR);
  RecordPtr r = sample_record();
  auto* h = reinterpret_cast<mlobs_record*>(r.get());
  const mlobs_str path{"body.deployment_id", 18};
  for (auto _ : state) {
    mlobs_str out{};
    benchmark::DoNotOptimize(api->get_string(h, path, &out));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetString);

void BM_SetInt(benchmark::State& state) {
  const mlobs_host_api* api = host_api_table(MLOBS_ABI_VERSION_MINOR);
  RecordPtr r = sample_record();
  auto* h = reinterpret_cast<mlobs_record*>(r.get());
  const mlobs_str path{"body.rows", 9};
  int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(api->set_int(h, path, ++i));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SetInt);

void BM_ToJson(benchmark::State& state) {
  const mlobs_host_api* api = host_api_table(MLOBS_ABI_VERSION_MINOR);
  RecordPtr r = sample_record();
  auto* h = reinterpret_cast<mlobs_record*>(r.get());
  std::string out;
  auto append = [](void* user, const char* data, size_t size) {
    static_cast<std::string*>(user)->append(data, size);
  };
  for (auto _ : state) {
    out.clear();
    api->to_json(h, mlobs_str{"", 0}, append, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToJson);

}  // namespace
}  // namespace mlobs::agent

BENCHMARK_MAIN();
