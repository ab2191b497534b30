// The file sink driven through the SDK harness.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

class FileSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(harness_.load_plugin(PLUGIN_PATH, &error)) << error;
  }

  std::unique_ptr<Component> start(const std::string& path, CallResult* result) {
    return harness_.start("file", "path: \"" + path + "\"", result);
  }

  static std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  Harness harness_;
  TempDir dir_{"file_sink_test"};
};

TEST_F(FileSinkTest, WritesOneJsonLinePerRecord) {
  const std::string path = (dir_ / "nested/dir/out.jsonl").string();  // parents are created
  CallResult result;
  auto sink = start(path, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_TRUE(sink);
  const std::vector<std::string> input = {
      R"({"kind":"serving_window","id":"w1","source":"s","body":{"n":1}})",
      R"({"kind":"freshness","body":{"text":"line\nbreak"}})",
  };
  sink->process(input, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  sink->process({R"({"m":3})"}, &result, "app_event");
  ASSERT_TRUE(result.ok()) << result.message;
  sink->flush(&result);
  ASSERT_TRUE(result.ok()) << result.message;

  const auto lines = lines_of(path);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("{\"kind\":\"serving_window\",\"id\":\"w1\",\"source\":\"s\",", 0), 0u)
      << lines[0];
  EXPECT_NE(lines[0].find("\"body\":{\"n\":1}}"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(R"("body":{"text":"line\nbreak"})"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(R"("kind":"app_event")"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("\"observed_at\":"), std::string::npos) << lines[2];
}

TEST_F(FileSinkTest, AppendsToAnExistingFileAcrossRestarts) {
  const std::string path = (dir_ / "out.jsonl").string();
  std::ofstream(path) << "{\"kept\":true}\n";
  for (int i = 0; i < 2; ++i) {
    CallResult result;
    auto sink = start(path, &result);
    ASSERT_TRUE(sink) << result.message;
    sink->process({R"({"kind":"k","body":{}})"}, &result);
    ASSERT_TRUE(result.ok()) << result.message;
    EXPECT_TRUE(sink->stop().ok());
  }
  EXPECT_EQ(lines_of(path).size(), 3u);
}

TEST_F(FileSinkTest, WrittenBatchIsVisibleAndFlushSyncs) {
  const std::string path = (dir_ / "out.jsonl").string();
  CallResult result;
  auto sink = start(path, &result);
  ASSERT_TRUE(sink) << result.message;
  sink->process({R"({"kind":"k","body":{"a":1}})", R"({"kind":"k","body":{"a":2}})"}, &result);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(lines_of(path).size(), 2u);  // in the file before flush: a crash loses nothing
  sink->flush(&result);
  EXPECT_TRUE(result.ok()) << result.message;
  sink->flush(&result);  // flushing with nothing new is fine
  EXPECT_TRUE(result.ok()) << result.message;
}

TEST_F(FileSinkTest, EmptyBatchWritesNothing) {
  const std::string path = (dir_ / "out.jsonl").string();
  CallResult result;
  auto sink = start(path, &result);
  ASSERT_TRUE(sink) << result.message;
  sink->process({}, &result);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(fs::file_size(path), 0u);
}

TEST_F(FileSinkTest, UnwritablePathIsUnavailable) {
  const std::string blocker = (dir_ / "a_file").string();
  std::ofstream(blocker) << "x";
  CallResult result;
  auto sink = start(blocker + "/out.jsonl", &result);  // a parent that is a regular file
  EXPECT_FALSE(sink);
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_NE(result.message.find("out.jsonl"), std::string::npos) << result.message;
}

TEST_F(FileSinkTest, WriteErrorIsUnavailableWithTheErrno) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  CallResult result;
  auto sink = start("/dev/full", &result);  // every write fails with ENOSPC
  ASSERT_TRUE(sink) << result.message;
  sink->process({R"({"kind":"k","body":{}})"}, &result);
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE);
  EXPECT_NE(result.message.find("No space left on device"), std::string::npos) << result.message;
}

TEST_F(FileSinkTest, ReopensAfterTheFileIsMovedAway) {
  const std::string path = (dir_ / "out.jsonl").string();
  CallResult result;
  auto sink = start(path, &result);
  ASSERT_TRUE(sink) << result.message;
  sink->process({R"({"kind":"k","body":{"a":1}})"}, &result);
  fs::rename(path, path + ".1");  // a log rotation
  sink->process({R"({"kind":"k","body":{"a":2}})"}, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(lines_of(path + ".1").size(), 1u);
  ASSERT_EQ(lines_of(path).size(), 1u);
  EXPECT_NE(lines_of(path)[0].find("\"a\":2"), std::string::npos);
}

TEST_F(FileSinkTest, MissingPathIsAConfigError) {
  CallResult result;
  EXPECT_FALSE(harness_.start("file", "{}", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

}  // namespace
