// The jsonl_file source driven through the SDK harness, i.e. the agent's own loader and host.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>

#include <algorithm>
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

class JsonlFileTest : public ::testing::Test {
 protected:
  // A harness over `data_dir` (the state store) with the plugin loaded.
  static std::unique_ptr<Harness> harness(const std::string& data_dir = {}) {
    auto h = std::make_unique<Harness>(data_dir);
    std::string error;
    EXPECT_TRUE(h->load_plugin(PLUGIN_PATH, &error)) << error;
    return h;
  }

  static std::unique_ptr<Component> start(Harness& h, const std::string& settings) {
    CallResult result;
    auto c = h.start("jsonl_file", settings, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

  std::string settings(const std::string& extra = {}) const {
    return "paths: [\"" + (dir_ / "*.jsonl").string() + "\"]\n" + extra;
  }

  TempDir dir_{"jsonl_file_test"};
};

TEST_F(JsonlFileTest, ReadsLinesAsRecords) {
  append(dir_ / "a.jsonl",
         "{\"kind\":\"serving_window\",\"id\":\"w1\",\"body\":{\"request_count\":3}}\n"
         "{\"n\":1}\n"
         "\n"
         "{\"kind\":\"not_a_record\"}\r\n");
  auto h = harness();
  auto c = start(*h, settings("kind: app_event"));
  ASSERT_TRUE(c);
  CallResult result;
  const auto records = c->pull(512, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(contains(records[0], "\"kind\":\"serving_window\"")) << records[0];
  EXPECT_TRUE(contains(records[0], "\"id\":\"w1\"")) << records[0];
  EXPECT_TRUE(contains(records[0], "\"body\":{\"request_count\":3}")) << records[0];
  EXPECT_TRUE(contains(records[1], "\"kind\":\"app_event\"")) << records[1];
  EXPECT_TRUE(contains(records[1], "\"body\":{\"n\":1}")) << records[1];
  EXPECT_TRUE(contains(records[2], "\"body\":{\"kind\":\"not_a_record\"}")) << records[2];
  EXPECT_TRUE(c->pull().empty());
  EXPECT_TRUE(h->dead_letters().empty());
}

TEST_F(JsonlFileTest, DefaultKind) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "\"kind\":\"jsonl\"")) << records[0];
}

TEST_F(JsonlFileTest, FollowsAppendsAndNewFiles) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  EXPECT_TRUE(c->pull().empty());
  append(dir_ / "a.jsonl", "{\"n\":2}\n{\"n\":3}\n");
  append(dir_ / "b.jsonl", "{\"n\":4}\n");
  append(dir_ / "c.txt", "{\"n\":5}\n");  // not matched
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(contains(records[0] + records[1] + records[2], "\"n\":4"));
}

TEST_F(JsonlFileTest, WaitsForAPartialLine) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n{\"n\":");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  EXPECT_TRUE(c->pull().empty());
  append(dir_ / "a.jsonl", "2}\n");
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "\"body\":{\"n\":2}")) << records[0];
  EXPECT_TRUE(h->dead_letters().empty());
}

TEST_F(JsonlFileTest, RespectsBatchCapacityAcrossFiles) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
  append(dir_ / "b.jsonl", "{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull(4).size(), 4u);
  EXPECT_EQ(c->pull(4).size(), 2u);
  EXPECT_TRUE(c->pull(4).empty());
}

TEST_F(JsonlFileTest, DeadLettersBadLinesWithFileAndLine) {
  const std::string path = (dir_ / "a.jsonl").string();
  append(path, "{\"n\":1}\nnot json\n[1,2]\n{\"kind\":\"\",\"body\":{}}\n{\"n\":5}\n");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 2u);
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 3u);
  EXPECT_EQ(dead[0].reason, "invalid_json");
  EXPECT_EQ(field(dead[0], "file"), path);
  EXPECT_EQ(field(dead[0], "line"), "2");
  EXPECT_EQ(field(dead[0], "text"), "not json");
  EXPECT_NE(field(dead[0], "error"), "<absent>");
  EXPECT_TRUE(dead[0].record_json.empty());
  EXPECT_EQ(dead[1].reason, "invalid_json");
  EXPECT_EQ(field(dead[1], "line"), "3");
  EXPECT_EQ(dead[2].reason, "invalid_record");
  EXPECT_EQ(field(dead[2], "line"), "4");
  EXPECT_EQ(h->metric_value("mlobs_records_rejected_total",
                            {{"component", "under_test"}, {"reason", "invalid_json"}}),
            2.0);
}

TEST_F(JsonlFileTest, TooLongLineIsDeadLetteredAndSkipped) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n{\"pad\":\"" + std::string(5000, 'x') + "\"}\n{\"n\":3}\n");
  auto h = harness();
  auto c = start(*h, settings("max_line_bytes: 1KiB"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 2u);
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "line_too_long");
  EXPECT_EQ(field(dead[0], "line"), "2");
  EXPECT_LE(field(dead[0], "text").size(), 1024u);
}

TEST_F(JsonlFileTest, GarbageNeverCrashes) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) {
    junk +=
        std::string(static_cast<size_t>(i % 37), static_cast<char>("{[\"\\:,}]\x01\xff"[i % 11]));
    junk += (i % 5 == 0) ? "\r\n" : "\n";
  }
  junk += std::string(100000, '[') + "\n";
  append(dir_ / "a.jsonl", junk);
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  CallResult result;
  c->pull(512, &result);
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_FALSE(h->dead_letters().empty());
}

TEST_F(JsonlFileTest, RestartResumesAfterAcknowledgedLinesOnly) {
  TempDir data_dir{"jsonl_file_test"};
  const std::string path = (dir_ / "a.jsonl").string();
  append(path, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n");
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h, settings());
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull(2).size(), 2u);  // lines 1-2
    c->ack(c->last_sequence());
    ASSERT_EQ(c->pull(2).size(), 2u);  // lines 3-4, never acknowledged
  }
  append(path, "{\"n\":5}\n");
  auto h = harness((data_dir / "data").string());
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(contains(records[0], "\"body\":{\"n\":3}")) << records[0];
  EXPECT_TRUE(contains(records[1], "\"body\":{\"n\":4}")) << records[1];
  EXPECT_TRUE(contains(records[2], "\"body\":{\"n\":5}")) << records[2];
}

TEST_F(JsonlFileTest, AckOfALaterBatchCoversEarlierOnes) {
  TempDir data_dir{"jsonl_file_test"};
  const std::string path = (dir_ / "a.jsonl").string();
  append(path, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h, settings());
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull(1).size(), 1u);
    ASSERT_EQ(c->pull(1).size(), 1u);
    c->ack(c->last_sequence());  // acknowledges both batches
  }
  auto h = harness((data_dir / "data").string());
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "\"body\":{\"n\":3}")) << records[0];
}

TEST_F(JsonlFileTest, RestartWithoutAnyAckReadsEverythingAgain) {
  TempDir data_dir{"jsonl_file_test"};
  append(dir_ / "a.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h, settings());
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull().size(), 2u);
  }
  auto h = harness((data_dir / "data").string());
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 2u);
}

TEST_F(JsonlFileTest, RestartAfterRewriteReadsTheNewContent) {
  TempDir data_dir{"jsonl_file_test"};
  const std::string path = (dir_ / "a.jsonl").string();
  append(path, "{\"run\":\"first\",\"n\":1}\n{\"run\":\"first\",\"n\":2}\n");
  {
    auto h = harness((data_dir / "data").string());
    auto c = start(*h, settings());
    ASSERT_TRUE(c);
    ASSERT_EQ(c->pull().size(), 2u);
    c->ack(c->last_sequence());
  }
  fs::resize_file(path, 0);  // same inode, new content
  append(path, "{\"run\":\"second\",\"n\":1}\n");
  auto h = harness((data_dir / "data").string());
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  const auto records = c->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "second")) << records[0];
}

TEST_F(JsonlFileTest, ReadFromEndSkipsExistingContentOnly) {
  append(dir_ / "old.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  auto h = harness();
  auto c = start(*h, settings("read_from: end"));
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->pull().empty());
  append(dir_ / "old.jsonl", "{\"n\":3}\n");
  append(dir_ / "new.jsonl", "{\"n\":4}\n");  // appeared after start: read whole
  EXPECT_EQ(c->pull().size(), 2u);
}

TEST_F(JsonlFileTest, RejectsBadConfig) {
  auto h = harness();
  CallResult result;
  EXPECT_FALSE(h->start("jsonl_file", "kind: x", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_FALSE(h->start("jsonl_file", settings("read_from: middle"), &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(result.message.find("read_from"), std::string::npos) << result.message;
  EXPECT_FALSE(h->start("jsonl_file", settings("unknown_key: 1"), &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

TEST_F(JsonlFileTest, StopIsIdempotentAndFilesMayVanish) {
  append(dir_ / "a.jsonl", "{\"n\":1}\n");
  auto h = harness();
  auto c = start(*h, settings());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pull().size(), 1u);
  fs::remove(dir_ / "a.jsonl");
  EXPECT_TRUE(c->pull().empty());
  EXPECT_TRUE(c->stop().ok());
  EXPECT_TRUE(c->stop().ok());
}

}  // namespace
