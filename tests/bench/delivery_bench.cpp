// The delivery engine's own costs for one 512-record batch of small records: a durable disk
// buffer append (fdatasync'ed) and its pop, the batch codec, and one HTTP POST over a kept
// connection to a receiver on 127.0.0.1 with and without gzip. The receiver runs in this process
// and shares the CPUs, so the HTTP figures include its parsing (and inflating) of the body; they
// are built with the integration tests, whose receiver they use.
#include "delivery/batch_codec.h"
#include "delivery/disk_buffer.h"
#include "delivery/http_client.h"
#ifdef MLOBS_BENCH_HTTP_RECEIVER
#include "support/http_receiver.h"
#endif

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace mlobs::agent {
namespace {

namespace fs = std::filesystem;
constexpr int kBatchRecords = 512;

// Records as jsonl_file makes them: bodies of about 100 bytes kept as their text, with varying
// values so gzip sees realistic repetition rather than copies, and the envelope it sets (about
// 190 bytes more per record once encoded).
const Batch& sample_batch() {
  static const Batch batch = [] {
    Batch b;
    static const char* stages[] = {"ingest", "features", "train", "evaluate", "serve"};
    for (int i = 0; i < kBatchRecords; ++i) {
      char body[160];
      std::snprintf(body, sizeof body,
                    R"({"stage":"%s","run":"run-%06d","status":"ok","duration_ms":%d,)"
                    R"("rows":%d,"score":0.%04d})",
                    stages[i % 5], i / 5, (i * 7919) % 5000, (i * 104729) % 1000000,
                    (i * 31) % 10000);
      auto r = std::make_unique<Record>();
      if (!parse_record("app_event", body, r.get()).ok()) std::abort();
      r->id = "jsonl_file:/var/log/ml/events.jsonl:" + std::to_string(1000000 + i);
      r->source = "events";
      r->observed_at = "2026-11-23T10:00:00.000Z";
      r->request_id = random_hex_id();
      b.records.push_back(std::move(r));
    }
    return b;
  }();
  return batch;
}

const std::string& sample_payload() {
  static const std::string payload = encode_batch(sample_batch());
  return payload;
}

void set_rates(benchmark::State& state, size_t bytes_per_batch) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_per_batch));
  state.SetItemsProcessed(state.iterations() * kBatchRecords);
  state.counters["bytes_per_record"] = static_cast<double>(bytes_per_batch) / kBatchRecords;
}

// A fresh buffer directory under $TMPDIR (so TMPDIR=/dev/shm measures it without the disk).
std::string temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/delivery_bench.XXXXXX";
  if (!mkdtemp(pattern.data())) std::abort();
  return pattern;
}

// keeps_up (arg 0): the sink delivers each batch before the next arrives, so every pop empties
// the buffer. backlog (arg 1): one entry always stays behind. Either way a pop rewrites the
// cursor, and a new segment starts every 8 MiB.
void BM_DiskBufferAppendPop(benchmark::State& state) {
  const std::string dir = temp_dir();
  const std::string& payload = sample_payload();
  {
    DiskBuffer buffer(dir + "/buf", 1ull << 30);
    if (!buffer.open().ok()) {
      state.SkipWithError("cannot open the disk buffer");
      return;
    }
    if (state.range(0) == 1 && !buffer.append(payload, kBatchRecords).ok()) std::abort();
    for (auto _ : state) {
      if (!buffer.append(payload, kBatchRecords).ok() || !buffer.sync().ok() || !buffer.front() ||
          !buffer.pop().ok()) {
        state.SkipWithError("append or pop failed");
        break;
      }
    }
  }
  fs::remove_all(dir);
  set_rates(state, payload.size());
}
BENCHMARK(BM_DiskBufferAppendPop)->ArgName("backlog")->Arg(0)->Arg(1)->UseRealTime();

void BM_EncodeBatch(benchmark::State& state) {
  const Batch& batch = sample_batch();
  for (auto _ : state) benchmark::DoNotOptimize(encode_batch(batch));
  set_rates(state, sample_payload().size());
}
BENCHMARK(BM_EncodeBatch);

void BM_DecodeBatch(benchmark::State& state) {
  const std::string& payload = sample_payload();
  for (auto _ : state) {
    Batch out;
    if (!decode_batch(payload, &out).ok()) std::abort();
    benchmark::DoNotOptimize(out.records.data());
  }
  set_rates(state, payload.size());
}
BENCHMARK(BM_DecodeBatch);

// What http.compression: gzip adds to every request before it is sent.
void BM_GzipBatch(benchmark::State& state) {
  const std::string& payload = sample_payload();
  for (auto _ : state) benchmark::DoNotOptimize(gzip_compress(payload));
  set_rates(state, payload.size());
}
BENCHMARK(BM_GzipBatch);

#ifdef MLOBS_BENCH_HTTP_RECEIVER
// Arg: gzip off (0) or on (1). One client for the whole run, so its connection is reused the
// way a sink's is; the receiver forgets each request so its memory stays flat.
void BM_HttpSend(benchmark::State& state) {
  integration::HttpReceiver receiver;
  receiver.set_responder([&receiver](const integration::ReceivedRequest&) {
    receiver.clear();
    return integration::Reply{200, {}, "{}"};
  });
  receiver.start();
  HttpSettings settings;
  settings.gzip = state.range(0) == 1;
  HttpClient client(settings);
  const std::string url = receiver.url() + "/v1/records";
  const HttpClient::Header headers[] = {{"Content-Type", "application/x-ndjson"}};
  const std::string& payload = sample_payload();
  for (auto _ : state) {
    const HttpExchange ex = client.send("POST", url, headers, payload);
    if (ex.status != 200) {
      state.SkipWithError(("POST failed: " + ex.error).c_str());
      break;
    }
  }
  receiver.stop();
  set_rates(state, payload.size());
  state.counters["gzip_ratio"] =
      static_cast<double>(payload.size()) / static_cast<double>(gzip_compress(payload).size());
}
BENCHMARK(BM_HttpSend)->ArgName("gzip")->Arg(0)->Arg(1)->UseRealTime();
#endif  // MLOBS_BENCH_HTTP_RECEIVER

}  // namespace
}  // namespace mlobs::agent

BENCHMARK_MAIN();
