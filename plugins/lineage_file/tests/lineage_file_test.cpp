// The lineage_file sink driven through the SDK harness with an injected clock.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <signal.h>
#include <sys/resource.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kApril7 = 1'775'520'000 * kSecond;  // 2026-04-07T00:00:00Z
constexpr int64_t kDay = 86'400 * kSecond;

const char* const kBuild =
    R"({"kind":"dataset_build","id":"dataset_build:features:v9","body":{)"
    R"("dataset_name":"features","dataset_version":"v9","path":"/data/exports/features.parquet",)"
    R"("built_at":"2026-04-03T23:06:12Z","row_count":1200,"feature_count":14,)"
    R"("source_data":["s3://raw/events/2026-04-03"]}})";

const char* const kRun =
    R"({"kind":"training_run","id":"training_run:r-17","body":{)"
    R"("run_id":"r-17","model_name":"churn","model_version":"3",)"
    R"("input_dataset_name":"features","input_dataset_version":"v9",)"
    R"("started_at":"2026-04-04T08:00:00Z","completed_at":"2026-04-04T09:30:00Z",)"
    R"("metrics":{"rmse":0.31},"artifact_path":"s3://models/churn/3/model.pkl",)"
    R"("metadata_path":"/runs/r-17/metadata.json"}})";

// A training run of its own id, for batches that must differ.
std::string run(const std::string& run_id) {
  return R"({"kind":"training_run","id":"training_run:)" + run_id + R"(","body":{"run_id":")" +
         run_id + R"(","model_name":"churn","completed_at":"2026-04-04T09:30:00Z"}})";
}

std::unique_ptr<rapidjson::Document> parse(const std::string& line) {
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(line.c_str());
  EXPECT_FALSE(doc->HasParseError()) << line;
  EXPECT_TRUE(doc->IsObject()) << line;
  return doc;
}

class LineageFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = root_ / "lineage" / "events";  // missing: the sink creates it
    std::string error;
    ASSERT_TRUE(harness_.load_plugin(PLUGIN_PATH, &error)) << error;
    harness_.set_clock([this] { return now_; });
  }
  std::unique_ptr<Component> start(const std::string& extra = "", CallResult* result = nullptr) {
    CallResult own;
    CallResult* r = result ? result : &own;
    auto sink = harness_.start("lineage_file", "dir: \"" + dir_.string() + "\"\n" + extra, r);
    if (!result) {
      EXPECT_TRUE(r->ok()) << r->message;
    }
    return sink;
  }

  CallResult write(Component& sink, const std::vector<std::string>& records) {
    CallResult result;
    sink.process(records, &result);
    return result;
  }

  fs::path day_file(const char* day) const {
    return dir_ / (std::string("lineage-") + day + ".ndjson");
  }

  static std::vector<std::string> lines_of(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  // Every line of the file parses on its own and the file ends with a newline.
  static void expect_whole_lines(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    for (const std::string& line : lines_of(path)) parse(line);
  }

  double metric(const char* name, std::vector<std::pair<std::string, std::string>> labels) const {
    labels.insert(labels.begin(), {"component", "under_test"});
    return harness_.metric_value(name, labels);
  }

  Harness harness_;
  TempDir root_{"lineage_file_test"};
  fs::path dir_;
  int64_t now_ = kApril7 + 10 * 3600 * kSecond;  // 10:00 UTC
};

TEST_F(LineageFileTest, WritesDatasetBuildAndTrainingRunJoinedByRef) {
  auto sink = start();
  ASSERT_TRUE(sink);
  CallResult result = write(*sink, {kBuild, kRun});
  ASSERT_TRUE(result.ok()) << result.message;

  const auto lines = lines_of(day_file("2026-04-07"));
  ASSERT_EQ(lines.size(), 2u);
  auto build = parse(lines[0]);
  auto training = parse(lines[1]);
  EXPECT_STREQ((*build)["event_id"].GetString(), "lineage:dataset_build:features:v9");
  EXPECT_STREQ((*build)["event_time"].GetString(), "2026-04-03T23:06:12Z");
  EXPECT_STREQ((*build)["job"]["name"].GetString(), "dataset_build/features");
  EXPECT_STREQ((*build)["job"]["namespace"].GetString(), "mlobs");
  EXPECT_STREQ((*build)["inputs"][0]["uri"].GetString(), "s3://raw/events/2026-04-03");
  EXPECT_STREQ((*build)["outputs"][0]["uri"].GetString(), "file:///data/exports/features.parquet");
  EXPECT_STREQ((*training)["event_id"].GetString(), "lineage:training_run:r-17");
  EXPECT_STREQ((*training)["run"]["run_id"].GetString(), "r-17");
  EXPECT_STREQ((*training)["outputs"][0]["ref"].GetString(), "model_artifact:mlobs/churn@3");

  // The join: the training run read what the build wrote.
  ASSERT_EQ((*build)["outputs"].Size(), 1u);
  ASSERT_EQ((*training)["inputs"].Size(), 1u);
  EXPECT_STREQ((*training)["inputs"][0]["ref"].GetString(),
               (*build)["outputs"][0]["ref"].GetString());
  EXPECT_STREQ((*training)["inputs"][0]["ref"].GetString(), "dataset_version:mlobs/features@v9");
  EXPECT_EQ(metric("mlobs_lineage_events_written_total", {}), 2);
}

TEST_F(LineageFileTest, TheSameRecordTwiceGivesTwoIdenticalLines) {
  auto sink = start();
  ASSERT_TRUE(sink);
  ASSERT_TRUE(write(*sink, {kBuild}).ok());
  now_ += 3600 * kSecond;  // re-delivered an hour later: still the same bytes
  ASSERT_TRUE(write(*sink, {kBuild}).ok());
  const auto lines = lines_of(day_file("2026-04-07"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], lines[1]);
  EXPECT_STREQ((*parse(lines[0]))["event_id"].GetString(), "lineage:dataset_build:features:v9");
}

TEST_F(LineageFileTest, TheDayFileFollowsTheClockAndChangesAtUtcMidnight) {
  auto sink = start();
  ASSERT_TRUE(sink);
  now_ = kApril7 + kDay - 1;  // 2026-04-07T23:59:59.999999999Z
  ASSERT_TRUE(write(*sink, {run("a")}).ok());
  now_ = kApril7 + kDay;  // midnight
  ASSERT_TRUE(write(*sink, {run("b")}).ok());
  ASSERT_TRUE(write(*sink, {run("c")}).ok());

  const auto first = lines_of(day_file("2026-04-07"));
  const auto second = lines_of(day_file("2026-04-08"));
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_STREQ((*parse(first[0]))["run"]["run_id"].GetString(), "a");
  EXPECT_STREQ((*parse(second[0]))["run"]["run_id"].GetString(), "b");
  EXPECT_STREQ((*parse(second[1]))["run"]["run_id"].GetString(), "c");
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u);
}

TEST_F(LineageFileTest, FsyncIsBatchOrNever) {
  for (const char* mode : {"batch", "never"}) {
    auto sink = start(std::string("fsync: ") + mode + "\n");
    ASSERT_TRUE(sink) << mode;
    EXPECT_TRUE(write(*sink, {run(mode)}).ok()) << mode;
  }
  EXPECT_EQ(lines_of(day_file("2026-04-07")).size(), 2u);

  CallResult result;
  EXPECT_FALSE(start("fsync: always\n", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(result.message.find("fsync"), std::string::npos) << result.message;
}

TEST_F(LineageFileTest, TheNamespaceIsConfigurable) {
  auto sink = start("namespace: team-a\n");
  ASSERT_TRUE(sink);
  ASSERT_TRUE(write(*sink, {kRun}).ok());
  const auto lines = lines_of(day_file("2026-04-07"));
  ASSERT_EQ(lines.size(), 1u);
  auto event = parse(lines[0]);
  EXPECT_STREQ((*event)["job"]["namespace"].GetString(), "team-a");
  EXPECT_STREQ((*event)["inputs"][0]["ref"].GetString(), "dataset_version:team-a/features@v9");

  CallResult result;
  EXPECT_FALSE(start("namespace: \"\"\n", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

TEST_F(LineageFileTest, WithoutDirItIsAConfigError) {
  CallResult result;
  EXPECT_FALSE(harness_.start("lineage_file", "{}", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

TEST_F(LineageFileTest, OtherKindsAreSkippedAndCounted) {
  auto sink = start();
  ASSERT_TRUE(sink);
  CallResult result =
      write(*sink, {R"({"kind":"serving_window","id":"w","body":{"deployment_id":"d"}})",
                    R"({"kind":"freshness","id":"f","body":{"dataset_name":"features"}})"});
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(metric("mlobs_lineage_records_skipped_total", {{"reason", "unsupported_kind"}}), 2);
  EXPECT_TRUE(harness_.dead_letters().empty());
  EXPECT_FALSE(fs::exists(day_file("2026-04-07"))) << "nothing to write, no file";
}

TEST_F(LineageFileTest, ADatasetBuildWithoutVersionIsDeadLettered) {
  auto sink = start();
  ASSERT_TRUE(sink);
  const std::string broken = R"({"kind":"dataset_build","id":"dataset_build:features:","body":{)"
                             R"("dataset_name":"features","built_at":"2026-04-03T23:06:12Z"}})";
  CallResult result = write(*sink, {broken, kRun});
  ASSERT_TRUE(result.ok()) << result.message;

  const auto dead = harness_.dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "missing_field");
  EXPECT_NE(dead[0].record_json.find("dataset_build:features:"), std::string::npos);
  ASSERT_EQ(dead[0].fields.size(), 1u);
  EXPECT_EQ(dead[0].fields[0].first, "error");
  EXPECT_NE(dead[0].fields[0].second.find("body.dataset_version"), std::string::npos);
  EXPECT_EQ(metric("mlobs_lineage_records_skipped_total", {{"reason", "missing_field"}}), 1);
  EXPECT_EQ(metric("mlobs_records_rejected_total", {{"reason", "missing_field"}}), 1);
  // The good record of the same batch is written.
  EXPECT_EQ(lines_of(day_file("2026-04-07")).size(), 1u);
}

TEST_F(LineageFileTest, LineageRecordsAreWrittenAsTheyAre) {
  auto sink = start();
  ASSERT_TRUE(sink);
  const std::string with_id =
      R"({"kind":"lineage","id":"l1","body":{"event_id":"custom:1","event_type":"START"}})";
  const std::string without_id =
      R"({"kind":"lineage","id":"lineage:x\"y","body":{"event_type":"COMPLETE"}})";
  const std::string empty_body = R"({"kind":"lineage","id":"l3","body":{}})";
  const std::string bad_id = R"({"kind":"lineage","id":"l4","body":{"event_id":5}})";
  CallResult result = write(*sink, {with_id, without_id, empty_body, bad_id});
  ASSERT_TRUE(result.ok()) << result.message;

  const auto lines = lines_of(day_file("2026-04-07"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], R"({"event_id":"custom:1","event_type":"START"})");
  EXPECT_EQ(lines[1], R"({"event_id":"lineage:x\"y","event_type":"COMPLETE"})");
  EXPECT_EQ(lines[2], R"({"event_id":"l3"})");
  const auto dead = harness_.dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "invalid_field");
}

TEST_F(LineageFileTest, DiskFullIsRetriedWithoutLoss) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto sink = start();
  ASSERT_TRUE(sink);
  const fs::path file = day_file("2026-04-07");
  fs::create_directories(dir_);
  fs::create_symlink("/dev/full", file);  // every write fails with ENOSPC
  const std::string broken = R"({"kind":"training_run","id":"t","body":{"run_id":"t"}})";

  CallResult result = write(*sink, {kBuild, broken, kRun});
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE);
  EXPECT_NE(result.message.find("No space left on device"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find(file.string()), std::string::npos) << result.message;
  EXPECT_EQ(metric("mlobs_lineage_write_errors_total", {{"error", "ENOSPC"}}), 1);
  EXPECT_TRUE(harness_.dead_letters().empty()) << "reported once the batch is accepted";

  fs::remove(file);
  result = write(*sink, {kBuild, broken, kRun});  // the host retries the same batch
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_TRUE(fs::is_regular_file(file));
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_STREQ((*parse(lines[0]))["event_id"].GetString(), "lineage:dataset_build:features:v9");
  EXPECT_STREQ((*parse(lines[1]))["event_id"].GetString(), "lineage:training_run:r-17");
  expect_whole_lines(file);
  EXPECT_EQ(metric("mlobs_lineage_events_written_total", {}), 2);
  EXPECT_EQ(harness_.dead_letters().size(), 1u);
}

TEST_F(LineageFileTest, AFileReplacedAfterAnErrorIsReopened) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto sink = start();
  ASSERT_TRUE(sink);
  ASSERT_TRUE(write(*sink, {run("before")}).ok());
  const fs::path file = day_file("2026-04-07");
  const fs::path kept = dir_ / "kept";
  fs::rename(file, kept);
  fs::create_symlink("/dev/full", file);
  EXPECT_EQ(write(*sink, {kRun}).code, MLOBS_UNAVAILABLE);

  fs::remove(file);
  fs::rename(kept, file);
  ASSERT_TRUE(write(*sink, {kRun}).ok());
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_STREQ((*parse(lines[1]))["event_id"].GetString(), "lineage:training_run:r-17");
  expect_whole_lines(file);
}

TEST_F(LineageFileTest, AppendsToTheDayFileAcrossRestarts) {
  for (const char* id : {"a", "b"}) {
    auto sink = start();
    ASSERT_TRUE(sink);
    ASSERT_TRUE(write(*sink, {run(id)}).ok());
    EXPECT_TRUE(sink->stop().ok());
  }
  EXPECT_EQ(lines_of(day_file("2026-04-07")).size(), 2u);
}

TEST_F(LineageFileTest, AFailedWriteIsCutBackToWholeLines) {
  auto sink = start();
  ASSERT_TRUE(sink);
  ASSERT_TRUE(write(*sink, {run("before")}).ok());
  const fs::path file = day_file("2026-04-07");
  const auto size_before = fs::file_size(file);

  // A file size limit a little above the current size: the batch is written in part, then
  // write(2) fails with EFBIG (SIGXFSZ ignored).
  std::vector<std::string> batch;
  for (int i = 0; i < 20; ++i) batch.push_back(run("r" + std::to_string(i)));
  struct rlimit old_limit {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  struct rlimit limit = old_limit;
  limit.rlim_cur = static_cast<rlim_t>(size_before + 300);
  auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limit), 0);
  CallResult result = write(*sink, batch);
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  ::signal(SIGXFSZ, old_handler);

  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_EQ(metric("mlobs_lineage_write_errors_total", {{"error", "EFBIG"}}), 1);
  EXPECT_EQ(fs::file_size(file), size_before) << "the part written was cut off";

  result = write(*sink, batch);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(lines_of(file).size(), 21u);
  expect_whole_lines(file);
}

TEST_F(LineageFileTest, ADirUnderARegularFileIsReported) {
  root_.write("a_file", "x");
  dir_ = root_ / "a_file" / "lineage";
  CallResult result;
  EXPECT_FALSE(start("", &result));
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_NE(result.message.find("Not a directory"), std::string::npos) << result.message;
  EXPECT_EQ(metric("mlobs_lineage_write_errors_total", {{"error", "ENOTDIR"}}), 1);
}

TEST_F(LineageFileTest, ADirectoryThatGoesAwayIsMadeAgain) {
  auto sink = start();
  ASSERT_TRUE(sink);
  fs::remove_all(dir_);
  std::ofstream(dir_) << "x";  // now a regular file stands where the directory was
  CallResult result = write(*sink, {kRun});
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_EQ(metric("mlobs_lineage_write_errors_total", {{"error", "ENOTDIR"}}), 1);

  fs::remove(dir_);
  result = write(*sink, {kRun});
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(lines_of(day_file("2026-04-07")).size(), 1u);
}

}  // namespace
