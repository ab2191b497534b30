// The delivery promise against a real HTTP backend that goes away: jsonl_file -> http sink ->
// an HttpReceiver on loopback. While the backend is down nothing is lost and nothing is
// dropped silently; when it comes back every record arrives, counted exactly. A memory buffer
// holds the source back (bounded); a disk buffer lets the source go on, survives kill -9, and
// delivers after the restart.
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/http_receiver.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <rapidjson/document.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <vector>
#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

constexpr std::string_view kPipeline = R"(
sources:
  app: { type: jsonl_file, paths: [@input@], kind: app_event, read_from: beginning }
sinks:
  backend:
    type: http
    inputs: [app]
    url: @url@/ingest
    buffer: { type: @buffer@, max_size: 64MiB }
    retry: { initial_backoff: 50ms, max_backoff: 300ms }
    http: { timeout: 2s, connect_timeout: 500ms, compression: gzip }
)";

class DeliveryTest : public AgentTest {
 protected:
  // `count` lines {"n": i, "pad": "..."}.
  std::filesystem::path write_input(int count, size_t pad = 16) const {
    const auto path = tmp_ / "in.jsonl";
    std::ofstream out(path);
    const std::string padding(pad, 'p');
    for (int i = 0; i < count; ++i) out << R"({"n":)" << i << R"(,"pad":")" << padding << "\"}\n";
    return path;
  }

  std::filesystem::path config(const std::filesystem::path& input, const std::string& url,
                               std::string_view buffer, std::string_view pipeline = {}) const {
    return write_config(agent_section(default_plugin_dirs(), pipeline) +
                        fill_template(kPipeline, {{"input", quoted(input)},
                                                  {"url", url},
                                                  {"buffer", std::string(buffer)}}));
  }

  // How many times each body.n arrived, over every request the receiver got answered 200.
  static std::map<int64_t, int> arrivals(const HttpReceiver& receiver, size_t* lines = nullptr) {
    std::map<int64_t, int> seen;
    size_t total = 0;
    for (const auto& req : receiver.requests()) {
      std::string_view body = req.body;
      while (!body.empty()) {
        const size_t end = body.find('\n');
        const std::string line(body.substr(0, end));
        body.remove_prefix(end == std::string_view::npos ? body.size() : end + 1);
        rapidjson::Document d;
        if (line.empty() || d.Parse(line.c_str()).HasParseError() || !d.HasMember("body")) continue;
        seen[d["body"]["n"].GetInt64()] += 1;
        ++total;
      }
    }
    if (lines) *lines = total;
    return seen;
  }

  static std::optional<double> sink_metric(uint16_t port, std::string_view name) {
    return scrape_metric(port, name, {{"component", "backend"}});
  }

  void outage_loses_nothing(std::string_view buffer);
};

// The backend is down from the start while kRecords flow, then comes back: each arrives once.
void DeliveryTest::outage_loses_nothing(std::string_view buffer) {
  constexpr int kRecords = 10000;
  HttpReceiver receiver;
  receiver.start();
  const uint16_t backend_port = receiver.port();
  const std::string url = receiver.url();
  receiver.stop();  // the backend is down before the first record

  auto agent = start_agent({"run", "--config", config(write_input(kRecords), url, buffer).string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  ASSERT_TRUE(wait_for([&] { return sink_metric(*port, "mlobs_sink_retries_total") >= 5; }))
      << agent->describe();
  // Degraded, with the reason, while it cannot deliver; still ready (it is working).
  auto ready = get_readiness(*port);
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->checks["backend"].status, "degraded") << ready->body;
  EXPECT_NE(ready->checks["backend"].detail.find("no response"), std::string::npos) << ready->body;
  EXPECT_GT(sink_metric(*port, "mlobs_sink_buffer_records").value_or(0), 0);
  EXPECT_EQ(sink_metric(*port, "mlobs_component_records_out_total"), 0);
  if (buffer == "disk") {  // the source went on: everything waits on disk
    ASSERT_TRUE(wait_for([&] { return sink_metric(*port, "mlobs_sink_buffer_records") == kRecords; }))
        << agent->describe();
  }

  receiver.start(backend_port);  // back
  ASSERT_TRUE(wait_for([&] {
    return sink_metric(*port, "mlobs_component_records_out_total") >= kRecords;
  })) << agent->describe();
  size_t lines = 0;
  const auto seen = arrivals(receiver, &lines);
  EXPECT_EQ(lines, static_cast<size_t>(kRecords));  // exact: none twice, none missing
  ASSERT_EQ(seen.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(seen.begin()->first, 0);
  EXPECT_EQ(seen.rbegin()->first, kRecords - 1);
  // Sent compressed, each request with its own X-Request-ID.
  const auto requests = receiver.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_TRUE(requests.front().gzip);
  EXPECT_EQ(requests.front().headers.at("x-request-id").size(), 32u);
  EXPECT_NE(requests.front().headers.at("x-request-id"), requests.back().headers.at("x-request-id"));
  ASSERT_TRUE(wait_for([&] {
    auto r = get_readiness(*port);
    return r && r->checks["backend"].status == "ok";
  }));
  EXPECT_EQ(sink_metric(*port, "mlobs_sink_buffer_records"), 0);
  // Every attempt is timed, the failed ones too; nothing was rejected for good.
  EXPECT_GE(sink_metric(*port, "mlobs_sink_send_seconds_count").value_or(0),
            static_cast<double>(requests.size()) + 5);
  EXPECT_EQ(sink_metric(*port, "mlobs_sink_dead_lettered_records_total"), 0);

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

TEST_F(DeliveryTest, OutageWithAMemoryBufferLosesNothing) { outage_loses_nothing("memory"); }

// Read back from disk first, then (once caught up) from the copies of what was just written.
TEST_F(DeliveryTest, OutageWithADiskBufferLosesNothing) { outage_loses_nothing("disk"); }

TEST_F(DeliveryTest, AMemoryBufferHoldsTheSourceBackDuringAnOutage) {
  constexpr int kRecords = 20000;
  constexpr int kBatch = 100;
  constexpr int kQueueBatches = 2;
  HttpReceiver receiver;
  receiver.start();
  const uint16_t backend_port = receiver.port();
  const std::string url = receiver.url();
  receiver.stop();

  const std::string pipeline = "  pipeline: { batch_max_records: " + std::to_string(kBatch) +
                               ", queue_capacity: " + std::to_string(kQueueBatches) + " }\n";
  const auto input = write_input(kRecords, 1024);
  auto agent = start_agent({"run", "--config", config(input, url, "memory", pipeline).string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  ASSERT_TRUE(wait_for([&] { return sink_metric(*port, "mlobs_sink_retries_total") >= 10; }))
      << agent->describe();

  // What the sink holds (its queue and the batch it retries) and what the source has sent are
  // bounded by the queue, however much the source has left to read: nothing piles up in memory,
  // and nothing is dropped (the source simply waits).
  constexpr double kNoAnswer = 1e18;
  constexpr double kMaxHeld = (kQueueBatches + 2) * kBatch;
  for (int i = 0; i < 10 && !HasFailure(); ++i) {
    EXPECT_LE(sink_metric(*port, "mlobs_sink_buffer_records").value_or(kNoAnswer), kMaxHeld);
    EXPECT_LE(scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "app"}})
                  .value_or(kNoAnswer),
              kMaxHeld + kBatch);
  }
  // The agent's memory stays far below the input it has not read yet (20 MB).
  std::ifstream status("/proc/" + std::to_string(agent->pid()) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) RecordProperty("agent_rss_during_outage", line);
  }

  receiver.start(backend_port);
  ASSERT_TRUE(wait_for([&] {
    return sink_metric(*port, "mlobs_component_records_out_total") >= kRecords;
  })) << agent->describe();
  size_t lines = 0;
  EXPECT_EQ(arrivals(receiver, &lines).size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(lines, static_cast<size_t>(kRecords));
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

TEST_F(DeliveryTest, ADiskBufferSurvivesKill9DuringAnOutage) {
  constexpr int kRecords = 10000;
  HttpReceiver receiver;
  receiver.start();
  const uint16_t backend_port = receiver.port();
  const std::string url = receiver.url();
  receiver.stop();

  const auto cfg = config(write_input(kRecords), url, "disk");
  auto agent = start_agent({"run", "--config", cfg.string()});
  auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  // Every record is on disk and the source went on: the backend being away held nothing up.
  ASSERT_TRUE(wait_for([&] {
    return sink_metric(*port, "mlobs_sink_buffer_records") == kRecords &&
           scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "app"}}) ==
               kRecords;
  })) << agent->describe();
  EXPECT_GT(sink_metric(*port, "mlobs_sink_buffer_bytes").value_or(0), 10000 * 20);
  ASSERT_TRUE(wait_for([&] { return sink_metric(*port, "mlobs_sink_retries_total") >= 2; }));
  ASSERT_TRUE(agent->send_signal(SIGKILL));
  agent->wait_exit(kDeadline);

  receiver.start(backend_port);
  auto again = start_agent({"run", "--config", cfg.string()});
  port = wait_for_admin_port(*again);
  ASSERT_TRUE(port) << again->describe();
  ASSERT_TRUE(wait_for([&] { return arrivals(receiver).size() == kRecords; }))
      << arrivals(receiver).size() << " of " << kRecords << "\n"
      << again->describe();
  size_t lines = 0;
  const auto seen = arrivals(receiver, &lines);
  EXPECT_EQ(seen.begin()->first, 0);
  EXPECT_EQ(seen.rbegin()->first, kRecords - 1);
  // At least once: batches whose acknowledgement had not reached the source's stored checkpoint
  // at the kill are read again (at most the in-flight window: the default queue of 8 batches
  // plus the ones in hand, 512 records each); nothing else repeats.
  EXPECT_LE(lines, static_cast<size_t>(kRecords + 10 * 512));
  ASSERT_TRUE(wait_for([&] { return sink_metric(*port, "mlobs_sink_buffer_records") == 0; }));
  ASSERT_TRUE(again->send_signal(SIGTERM));
  EXPECT_EQ(again->wait_exit(kDeadline), 0) << again->describe();
}

TEST_F(DeliveryTest, APermanentRejectionDeadLettersTheBatchWithTheAnswerAndIsNotRetried) {
  constexpr int kRecords = 30;
  HttpReceiver receiver([](const ReceivedRequest&) {
    return Reply{422, {}, R"({"error":"field pad is not allowed"})"};
  });
  receiver.start();
  const std::string pipeline = "  dead_letter: { path: " + quoted(tmp_ / "dead.jsonl") + " }\n";
  auto agent = start_agent(
      {"run", "--config", config(write_input(kRecords), receiver.url(), "memory", pipeline).string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  ASSERT_TRUE(wait_for([&] {
    return sink_metric(*port, "mlobs_sink_dead_lettered_records_total") == kRecords;
  })) << agent->describe();
  EXPECT_EQ(receiver.request_count(), 1u);  // one batch, one attempt
  EXPECT_EQ(sink_metric(*port, "mlobs_sink_retries_total"), 0);
  const std::string dead = read_file(tmp_ / "dead.jsonl").value_or("");
  EXPECT_NE(dead.find("answered 422"), std::string::npos) << dead;
  EXPECT_NE(dead.find("field pad is not allowed"), std::string::npos) << dead;
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

// 503 with Retry-After: the next attempt waits for it, although the configured backoff (50 ms
// to 300 ms) would come back sooner.
TEST_F(DeliveryTest, RetryAfterIsWaitedOut) {
  std::mutex mu;
  std::vector<std::chrono::steady_clock::time_point> arrivals_at;
  HttpReceiver receiver([&](const ReceivedRequest&) {
    std::lock_guard<std::mutex> lock(mu);
    arrivals_at.push_back(std::chrono::steady_clock::now());
    if (arrivals_at.size() == 1) return Reply{503, {{"Retry-After", "2"}}, "busy"};
    return Reply{200, {}, "{}"};
  });
  receiver.start();
  auto agent = start_agent({"run", "--config", config(write_input(5), receiver.url(), "memory").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  ASSERT_TRUE(wait_for([&] {
    return sink_metric(*port, "mlobs_component_records_out_total") == 5;
  })) << agent->describe();
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(arrivals_at.size(), 2u);
  EXPECT_GE(arrivals_at[1] - arrivals_at[0], std::chrono::milliseconds(1900));
  EXPECT_EQ(sink_metric(*port, "mlobs_sink_retries_total"), 1);
}

TEST_F(DeliveryTest, ADiskBufferThatCannotBeCreatedStopsTheStartNamingIt) {
  write_file(data_dir() / "buffers", "a file where the buffer directory goes");
  auto agent = start_agent(
      {"run", "--config", config(write_input(1), "http://127.0.0.1:1", "disk").string()});
  EXPECT_EQ(run_to_exit(*agent), 1);
  const std::string log = agent->stderr_text();
  EXPECT_NE(log.find("sink \\\"backend\\\""), std::string::npos) << log;
  EXPECT_NE(log.find("cannot create the disk buffer"), std::string::npos) << log;
}

}  // namespace
}  // namespace mlobs::integration
