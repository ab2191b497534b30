// The openlineage_file sink driven through the SDK harness: what lands in the file, what goes to
// the dead-letter output, the counters, and the keys it refuses. (The openlineage_http sink
// needs the host's HTTP client: tests/integration/openlineage_test.cpp runs it in the agent.)
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

const char* const kBuild =
    R"({"kind":"dataset_build","id":"dataset_build:features:v9","body":{)"
    R"("dataset_name":"features","dataset_version":"v9","built_at":"2026-04-03T23:06:12Z",)"
    R"("row_count":1200}})";
const char* const kRun =
    R"({"kind":"training_run","id":"training_run:r-17","body":{"run_id":"r-17",)"
    R"("model_name":"churn","completed_at":"2026-04-04T09:30:00Z","status":"failed"}})";
const char* const kBrokenRun =
    R"({"kind":"training_run","id":"training_run:r-18","body":{"run_id":"r-18"}})";
const char* const kWindow = R"({"kind":"serving_window","id":"w","body":{}})";

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string event_type(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  EXPECT_FALSE(doc.HasParseError()) << line;
  return doc["eventType"].GetString();
}

class OpenLineageFileSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(harness_.load_plugin(PLUGIN_PATH, &error)) << error;
  }

  std::unique_ptr<Component> start(const std::string& extra = "", CallResult* result = nullptr) {
    CallResult own;
    CallResult* r = result ? result : &own;
    auto sink = harness_.start("openlineage_file", "path: \"" + file_.string() + "\"\n" + extra, r);
    if (!result) {
      EXPECT_TRUE(r->ok()) << r->message;
    }
    return sink;
  }

  TempDir tmp_;
  std::filesystem::path file_ = tmp_ / "lineage" / "openlineage.ndjson";  // parent missing
  Harness harness_;
};

TEST_F(OpenLineageFileSinkTest, WritesAStartAndATerminalEventPerRun) {
  auto sink = start("fsync: never\n");
  CallResult result;
  sink->process({kBuild, kRun}, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  const std::vector<std::string> lines = lines_of(file_);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(event_type(lines[0]), "START");
  EXPECT_EQ(event_type(lines[1]), "COMPLETE");
  EXPECT_EQ(event_type(lines[2]), "START");
  EXPECT_EQ(event_type(lines[3]), "FAIL");
  EXPECT_NE(lines[1].find(R"("rowCount":1200)"), std::string::npos);

  sink->process({kBuild}, &result);  // appended, and the same bytes again
  const std::vector<std::string> again = lines_of(file_);
  ASSERT_EQ(again.size(), 6u);
  EXPECT_EQ(again[5], lines[1]);

  EXPECT_EQ(harness_.metric_value("mlobs_openlineage_events_total",
                                  {{"component", "under_test"}, {"event_type", "START"}}),
            3);
  EXPECT_EQ(harness_.metric_value("mlobs_openlineage_events_total",
                                  {{"component", "under_test"}, {"event_type", "FAIL"}}),
            1);
}

TEST_F(OpenLineageFileSinkTest, DeadLettersWhatCannotBeMappedAndSkipsOtherKinds) {
  auto sink = start();
  CallResult result;
  sink->process({kBrokenRun, kWindow, kBuild}, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(lines_of(file_).size(), 2u);

  const auto dead = harness_.dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "missing_field");
  EXPECT_NE(dead[0].record_json.find("r-18"), std::string::npos);
  ASSERT_EQ(dead[0].fields.size(), 1u);
  EXPECT_EQ(dead[0].fields[0].first, "detail");
  EXPECT_NE(dead[0].fields[0].second.find("body.model_name"), std::string::npos);
  EXPECT_EQ(harness_.metric_value("mlobs_openlineage_records_skipped_total",
                                  {{"component", "under_test"}, {"reason", "unsupported_kind"}}),
            1);
  EXPECT_EQ(harness_.metric_value("mlobs_openlineage_records_skipped_total",
                                  {{"component", "under_test"}, {"reason", "missing_field"}}),
            1);
}

TEST_F(OpenLineageFileSinkTest, AFileItCannotOpenIsRetried) {
  std::filesystem::create_directories(tmp_ / "blocked");
  file_ = tmp_ / "blocked";  // a directory: open fails with EISDIR
  auto sink = start();
  CallResult result;
  sink->process({kBuild}, &result);
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_EQ(harness_.metric_value("mlobs_openlineage_failures_total",
                                  {{"component", "under_test"}, {"error", "EISDIR"}}),
            1);
}

TEST_F(OpenLineageFileSinkTest, RefusesBadKeys) {
  CallResult result;
  start("fsync: sometimes\n", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  start("producer: \"not a uri\"\n", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  start("namespace: \"\"\n", &result);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

}  // namespace
