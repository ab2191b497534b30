// The serving_ingest source driven through the SDK harness, i.e. the agent's own loader and host.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include "serving_window_contract.h"
#include "serving_window_parser.h"
#include "mutations.h"
#include "valid_window.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using mlobs::serving_ingest::testing::with_field;
using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

void append(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string field(const mlobs::testing::DeadLetter& d, const std::string& key) {
  for (const auto& [k, v] : d.fields) {
    if (k == key) return v;
  }
  return "<absent>";
}

// A valid window line for `deployment` starting at minute `minute` of 10:00, newline included.
std::string window(const std::string& deployment, int minute) {
  auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  std::string line = with_field("deployment_id", "\"" + deployment + "\"");
  const std::string start = "2026-04-07T10:" + two(minute) + ":00Z";
  const std::string end = "2026-04-07T10:" + two(minute + 1) + ":00Z";
  // The end first: the new start may read like the old end.
  line = line.replace(line.find("2026-04-07T10:01:00Z"), 20, end);
  line = line.replace(line.find("2026-04-07T10:00:00Z"), 20, start);
  return line + "\n";
}

class ServingIngestTest : public ::testing::Test {
 protected:
  static std::unique_ptr<Harness> harness(const std::string& data_dir = {}) {
    auto h = std::make_unique<Harness>(data_dir);
    std::string error;
    EXPECT_TRUE(h->load_plugin(PLUGIN_PATH, &error)) << error;
    return h;
  }

  std::unique_ptr<Component> start(Harness& h, const std::string& extra = {}) {
    CallResult result;
    auto c = h.start("serving_ingest", "root: \"" + root_.str() + "\"\n" + extra, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

  std::string hour_file(const std::string& date, const std::string& hour,
                        const std::string& name = "part-0.jsonl") const {
    return (root_ / (date + "/" + hour + "/" + name)).string();
  }

  TempDir root_{"serving_ingest_test"};
};

TEST_F(ServingIngestTest, EmitsValidWindowsAsRecords) {
  append(hour_file("2026-04-07", "10"), window("dep-001", 0));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  CallResult result;
  const auto records = c->pull(512, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "\"kind\":\"serving_window\"")) << records[0];
  EXPECT_TRUE(contains(records[0],
                       "\"id\":\"serving_window:dep-001|/predict|"
                       "2026-04-07T10:00:00Z|2026-04-07T10:01:00Z\""))
      << records[0];
  EXPECT_TRUE(contains(records[0], "\"request_count\":100")) << records[0];
  EXPECT_TRUE(contains(records[0], "\"bundle_id\":\"b-7\"")) << records[0];
  EXPECT_TRUE(h->dead_letters().empty());
}

TEST_F(ServingIngestTest, DiscoversDirectoriesCreatedAfterStart) {
  append(hour_file("2026-04-07", "10"), window("dep-001", 0));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  EXPECT_TRUE(c->pull().empty());
  append(hour_file("2026-04-07", "11"), window("dep-001", 1));
  append(hour_file("2026-04-08", "00", "other.jsonl"), window("dep-001", 2));
  append(hour_file("2026-04-08", "00", "notes.txt"), window("dep-001", 3));  // not matched
  append(root_ / "top.jsonl", window("dep-001", 4));                         // not matched
  EXPECT_EQ(c->pull().size(), 2u);
  EXPECT_EQ(h->metric_value("mlobs_serving_ingest_followed_files", {{"component", "under_test"}}),
            3.0);
}

TEST_F(ServingIngestTest, GlobIsConfigurable) {
  append(root_ / "flat/a.ndjson", window("dep-001", 0));
  append(hour_file("2026-04-07", "10"), window("dep-001", 1));
  auto h = harness();
  auto c = start(*h, "glob: \"flat/*.ndjson\"\n");
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "10:00:00Z|")) << records[0];
}

TEST_F(ServingIngestTest, WaitsForAPartialLastLine) {
  const std::string path = hour_file("2026-04-07", "10");
  const std::string second = window("dep-001", 1);
  append(path, window("dep-001", 0) + second.substr(0, 50));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  EXPECT_TRUE(c->pull().empty());
  append(path, second.substr(50));
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "10:01:00Z|2026-04-07T10:02:00Z")) << records[0];
  EXPECT_TRUE(h->dead_letters().empty());
}

TEST_F(ServingIngestTest, DeadLettersContractViolationsWithFileLineAndReason) {
  const std::string path = hour_file("2026-04-07", "10");
  append(path, window("dep-001", 0) + "{not json\n" + with_field("failure_count", "-2") + "\n" +
                   with_field("latency_p99_ms", "1") + "\n" + "\n" +  // blank lines are skipped
                   with_field("model_name", "") + "\n" + window("dep-001", 1));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 2u);
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 4u);
  EXPECT_EQ(dead[0].reason, "invalid_json");
  EXPECT_EQ(field(dead[0], "file"), path);
  EXPECT_EQ(field(dead[0], "line"), "2");
  EXPECT_EQ(field(dead[0], "text"), "{not json");
  EXPECT_EQ(dead[1].reason, "negative_count");
  EXPECT_EQ(field(dead[1], "line"), "3");
  EXPECT_TRUE(contains(field(dead[1], "error"), "failure_count")) << field(dead[1], "error");
  EXPECT_EQ(dead[2].reason, "latency_order");
  EXPECT_EQ(field(dead[2], "line"), "4");
  EXPECT_EQ(dead[3].reason, "missing_field");
  EXPECT_EQ(field(dead[3], "line"), "6");
  EXPECT_TRUE(contains(field(dead[3], "error"), "model_name")) << field(dead[3], "error");
  EXPECT_EQ(h->metric_value("mlobs_records_rejected_total",
                            {{"component", "under_test"}, {"reason", "missing_field"}}),
            1.0);
}

TEST_F(ServingIngestTest, GarbageNeverStopsTheSource) {
  std::mt19937 rng(42);
  std::string junk;
  for (int i = 0; i < 200; ++i) {
    std::string line = "x" + std::string(rng() % 300, '\0');
    for (size_t j = 1; j < line.size(); ++j) {
      do line[j] = static_cast<char>(rng() % 256);
      while (line[j] == '\n');
    }
    junk += line + "\n";
  }
  append(hour_file("2026-04-07", "10"), junk + window("dep-001", 0));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  CallResult result;
  EXPECT_EQ(c->pull(512, &result).size(), 1u);
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(h->dead_letters().size(), 200u);
}

TEST_F(ServingIngestTest, TooLongLineIsDeadLettered) {
  const std::string path = hour_file("2026-04-07", "10");
  append(path, "{\"pad\":\"" + std::string(5000, 'x') + "\"}\n" + window("dep-001", 0));
  auto h = harness();
  auto c = start(*h, "max_line_bytes: 4096\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "line_too_long");
  EXPECT_EQ(field(dead[0], "line"), "1");
}

TEST_F(ServingIngestTest, DuplicatesAreDroppedAndCounted) {
  append(hour_file("2026-04-07", "10"), window("dep-001", 0) + window("dep-002", 0));
  // The same windows again, e.g. a producer that retried into another file.
  append(hour_file("2026-04-07", "10", "part-1.jsonl"),
         window("dep-001", 0) + window("dep-001", 1) + window("dep-002", 0));
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 3u);
  EXPECT_EQ(h->metric_value("mlobs_serving_duplicates_total", {{"component", "under_test"}}), 2.0);
  EXPECT_TRUE(h->dead_letters().empty());
}

TEST_F(ServingIngestTest, DedupHorizonBoundsMemory) {
  std::string lines;
  for (int m = 0; m < 30; ++m) lines += window("dep-001", m);
  lines += window("dep-001", 0);   // older than the horizon now: cannot be judged, let through
  lines += window("dep-001", 29);  // within it: a duplicate
  append(hour_file("2026-04-07", "10"), lines);
  auto h = harness();
  auto c = start(*h, "dedup_horizon: 5m\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 31u);
  EXPECT_EQ(h->metric_value("mlobs_serving_duplicates_total", {{"component", "under_test"}}), 1.0);
  EXPECT_LE(h->metric_value("mlobs_serving_ingest_dedup_entries", {{"component", "under_test"}}),
            6.0);
}

TEST_F(ServingIngestTest, RestartResumesAfterAcknowledgedLinesOnly) {
  TempDir data_dir{"serving_ingest_test"};
  const std::string path = hour_file("2026-04-07", "10");
  append(path,
         window("dep-001", 0) + window("dep-001", 1) + window("dep-001", 2) + window("dep-001", 3));
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h);
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull(2).size(), 2u);  // minutes 0-1
    c->ack(c->last_sequence());
    ASSERT_EQ(c->pull(2).size(), 2u);  // minutes 2-3, never acknowledged
  }
  append(path, window("dep-001", 4));
  auto h = harness((data_dir / "data").string());
  auto c = start(*h);
  ASSERT_TRUE(c);
  const auto records = c->pull();
  // Unacknowledged windows come again and are not taken for duplicates of themselves.
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(contains(records[0], "|2026-04-07T10:02:00Z|")) << records[0];
  EXPECT_TRUE(contains(records[1], "|2026-04-07T10:03:00Z|")) << records[1];
  EXPECT_TRUE(contains(records[2], "|2026-04-07T10:04:00Z|")) << records[2];
  EXPECT_EQ(h->metric_value("mlobs_serving_duplicates_total", {{"component", "under_test"}}), 0.0);
}

TEST_F(ServingIngestTest, RestartAfterFullAckReadsNothingAgain) {
  TempDir data_dir{"serving_ingest_test"};
  const std::string path = hour_file("2026-04-07", "10");
  append(path, window("dep-001", 0) + window("dep-001", 1));
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h);
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull().size(), 2u);
    c->ack(c->last_sequence());
    EXPECT_TRUE(c->stop().ok());
  }
  auto h = harness((data_dir / "data").string());
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->pull().empty());
  append(path, window("dep-001", 2));
  EXPECT_EQ(c->pull().size(), 1u);
}

TEST_F(ServingIngestTest, BadConfigIsRefused) {
  auto h = harness();
  for (const std::string& settings :
       {std::string("glob: \"*.jsonl\"\n"), "root: \"" + root_.str() + "\"\nread_from: middle\n",
        "root: \"" + root_.str() + "\"\ndedup_max_entries: 0\n",
        "root: \"" + root_.str() + "\"\nglob: \"/abs/*.jsonl\"\n"}) {
    CallResult result;
    auto c = h->start("serving_ingest", settings, &result);
    EXPECT_FALSE(result.ok()) << settings;
  }
}

TEST_F(ServingIngestTest, StopIsIdempotent) {
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->stop().ok());
  EXPECT_TRUE(c->stop().ok());
}

}  // namespace

// Lines are read from the members the host parsed, and only the odd line from its text: both
// readings must give every line the same verdict and the same reason.
TEST_F(ServingIngestTest, TheHostParseAndTheTextParseAgreeOnEveryMutation) {
  using namespace mlobs::serving_ingest;
  std::mt19937 rng(20261123);
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  std::string lines;
  std::map<std::string, std::string> expected_reason;  // by line number
  int accepted = 0;
  int number = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string line = mlobs::serving_ingest::testing::mutate(
        with_field("deployment_id", "\"dep-" + std::to_string(i) + "\""), rng);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // skipped, not judged
    lines += line + "\n";
    ++number;
    if (parser.parse(line, &w, &v) && validate(&w, &v)) {
      ++accepted;
    } else {
      expected_reason[std::to_string(number)] = std::string(v.reason);
    }
  }
  append(hour_file("2026-04-07", "10"), lines);
  auto h = harness();
  auto c = start(*h);
  ASSERT_TRUE(c);
  size_t emitted = 0;
  for (size_t got = 1; got > 0;) {
    got = c->pull(512).size();
    emitted += got;
  }
  const double duplicates =
      h->metric_value("mlobs_serving_duplicates_total", {{"component", "under_test"}});
  EXPECT_EQ(static_cast<double>(emitted) + duplicates, accepted);
  std::map<std::string, std::string> got_reason;
  for (const auto& d : h->dead_letters()) got_reason[field(d, "line")] = d.reason;
  EXPECT_EQ(got_reason, expected_reason);
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, number);
}
