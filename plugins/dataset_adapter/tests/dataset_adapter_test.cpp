// The dataset_adapter source through the SDK harness (the agent's own loader and host), over
// copies of the DuckDB-written fixtures.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using mlobs::testing::CallResult;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

const fs::path kFixtures = FIXTURES_DIR;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t count_containing(const std::vector<std::string>& records, const std::string& needle) {
  size_t n = 0;
  for (const auto& r : records) n += contains(r, needle) ? 1 : 0;
  return n;
}

class DatasetAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(files_ / "builds");
    for (const char* name : {"churn_features.parquet", "wide.parquet", "nested_no_kv.parquet"}) {
      fs::copy_file(kFixtures / name, files_ / "builds" / name);
    }
  }

  std::unique_ptr<Harness> harness() const {
    auto h = std::make_unique<Harness>((data_ / "state").string());
    std::string error;
    EXPECT_TRUE(h->load_plugin(PLUGIN_PATH, &error)) << error;
    return h;
  }

  std::unique_ptr<mlobs::testing::Component> start(Harness& h) const {
    CallResult result;
    auto c = h.start("dataset_adapter",
                     "paths: [\"" + (files_ / "builds/*.parquet").string() + "\"]\n"
                     "non_feature_columns: [customer_id, event_ts, churned, id]\n"
                     "target: churned\nentity: customer_id\nevent_ts: event_ts\n",
                     &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

  TempDir files_{"dataset_adapter_test"};
  TempDir data_{"dataset_adapter_test"};
};

TEST_F(DatasetAdapterTest, EachFileGivesABuildOrAReportWithADeadLetter) {
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(count_containing(records, "\"kind\":\"dataset_build\""), 2u);
  EXPECT_EQ(count_containing(records, "\"id\":\"dataset_build:churn_features:20260403_230612\""),
            1u);
  EXPECT_EQ(count_containing(records, "\"built_at\":\"2026-04-03T23:06:12Z\""), 1u);
  EXPECT_EQ(count_containing(records, "\"feature_count\":3,"), 1u);
  EXPECT_EQ(count_containing(records, "\"feature_count\":300,"), 1u);
  EXPECT_EQ(count_containing(records, "\"entity\":\"customer_id\""), 2u);
  EXPECT_EQ(count_containing(records, "\"kind\":\"check_report\""), 1u);
  EXPECT_EQ(count_containing(records, "missing_key: the footer"), 1u);

  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "missing_key");
  EXPECT_TRUE(source->pull().empty()) << "a file read and not yet acknowledged is not read again";
}

TEST_F(DatasetAdapterTest, AcknowledgedFilesAreNotReadAgainAfterARestartUnlessRewritten) {
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 3u);
    source->ack(source->last_sequence());
    source->stop();
  }
  // A new file, and one rewritten with other content.
  fs::copy_file(kFixtures / "many_row_groups.parquet", files_ / "builds/events.parquet");
  fs::copy_file(kFixtures / "wide.parquet", files_ / "builds/churn_features.parquet",
                fs::copy_options::overwrite_existing);
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(count_containing(records, "\"dataset_name\":\"events\""), 1u);
  EXPECT_EQ(count_containing(records, "\"dataset_name\":\"churn_features\""), 1u);
  EXPECT_EQ(count_containing(records, "\"dataset_version\":\"20260405_010203\""), 1u);
}

TEST_F(DatasetAdapterTest, AFileReadButNotAcknowledgedIsReadAgainAfterARestart) {
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 3u);
    source->stop();
  }
  auto h = harness();
  auto source = start(*h);
  EXPECT_EQ(source->pull().size(), 3u);
}

TEST_F(DatasetAdapterTest, DamagedFilesAreDeadLetteredWithTheirReason) {
  std::ifstream in(kFixtures / "churn_features.parquet", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(files_ / "builds/truncated.parquet", std::ios::binary)
      << bytes.substr(0, bytes.size() / 2);
  std::ofstream(files_ / "builds/tiny.parquet", std::ios::binary) << "PAR1";
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  EXPECT_EQ(count_containing(records, "\"kind\":\"check_report\""), 3u);
  std::vector<std::string> reasons;
  for (const auto& d : h->dead_letters()) reasons.push_back(d.reason);
  std::sort(reasons.begin(), reasons.end());
  EXPECT_EQ(reasons, (std::vector<std::string>{"bad_magic", "missing_key", "truncated"}));
}

TEST_F(DatasetAdapterTest, JsonMetadataFilesAreReadToo) {
  std::ofstream(files_ / "builds/orders.json")
      << R"({"dataset_name":"orders","build_timestamp":"20260407_101500","row_count":12})";
  std::ofstream(files_ / "builds/broken.json") << "{";
  auto h = harness();
  CallResult result;
  auto source = h->start("dataset_adapter",
                         "paths: [\"" + (files_ / "builds/*.json").string() + "\"]\n", &result);
  ASSERT_TRUE(result.ok()) << result.message;
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(count_containing(records, "\"id\":\"dataset_build:orders:20260407_101500\""), 1u);
  EXPECT_EQ(count_containing(records, "\"built_at\":\"2026-04-07T10:15:00Z\""), 1u);
  EXPECT_EQ(count_containing(records, "\"kind\":\"check_report\""), 1u);
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "invalid_json");
}

TEST_F(DatasetAdapterTest, AMetadataFileOverOneMebibyteIsRefusedUnread) {
  std::ofstream(files_ / "builds/huge.json") << std::string((1 << 20) + 1, ' ');
  auto h = harness();
  CallResult result;
  auto source = h->start("dataset_adapter",
                         "paths: [\"" + (files_ / "builds/*.json").string() + "\"]\n", &result);
  ASSERT_TRUE(result.ok()) << result.message;
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0], "\"check\":\"metadata_json\"")) << records[0];
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "unreadable");
}

TEST_F(DatasetAdapterTest, APlainPathNamingNoFileIsReportedOncePerStart) {
  const std::string missing = (files_ / "builds/orders.json").string();
  const std::string config = "paths: [\"" + missing + "\", \"" +
                             (files_ / "builds/*.absent").string() + "\"]\n";
  {
    auto h = harness();
    CallResult result;
    auto source = h->start("dataset_adapter", config, &result);
    ASSERT_TRUE(result.ok()) << result.message;
    const std::vector<std::string> records = source->pull();
    ASSERT_EQ(records.size(), 1u) << "a glob that matches nothing is quiet";
    EXPECT_TRUE(contains(records[0], "\"kind\":\"check_report\"")) << records[0];
    EXPECT_TRUE(contains(records[0], "\"id\":\"check_report:" + missing + "\"")) << records[0];
    EXPECT_TRUE(contains(records[0], "\"metadata_path\":\"" + missing + "\"")) << records[0];
    EXPECT_TRUE(contains(records[0], "\"all_passed\":false")) << records[0];
    EXPECT_TRUE(contains(records[0], "\"check\":\"file_exists\",\"passed\":false"))
        << records[0];
    const auto dead = h->dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].reason, "missing_file");
    EXPECT_TRUE(source->pull().empty()) << "reported once, not on every poll";
    EXPECT_EQ(h->dead_letters().size(), 1u);

    std::ofstream(missing) << R"({"dataset_name":"orders","build_timestamp":"20260407_101500"})";
    const std::vector<std::string> later = source->pull();
    ASSERT_EQ(later.size(), 1u) << "once it exists it is read";
    EXPECT_TRUE(contains(later[0], "\"kind\":\"dataset_build\"")) << later[0];
    fs::remove(missing);
    EXPECT_TRUE(source->pull().empty()) << "already reported since this start";
  }
  auto h = harness();
  CallResult result;
  auto source = h->start("dataset_adapter", config, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(count_containing(source->pull(), "\"check\":\"file_exists\""), 1u)
      << "a new start reports it again";
}

TEST_F(DatasetAdapterTest, FilesGoneFromAFullScanAreForgottenFromTheStoredState) {
  // Moved away and back, a file keeps its inode, size and time: its signature. It is read again
  // only if the source forgot it while it was gone.
  const fs::path inside = files_ / "builds/wide.parquet";
  const fs::path away = files_ / "wide.parquet";
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 3u);
    source->ack(source->last_sequence());
    fs::rename(inside, away);
    EXPECT_TRUE(source->pull().empty());
    source->stop();
  }
  fs::rename(away, inside);
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u) << "only the file that was gone is read again";
  EXPECT_TRUE(contains(records[0], "\"feature_count\":300,")) << records[0];
}

TEST_F(DatasetAdapterTest, FilesStillPresentAreNotForgotten) {
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 3u);
    source->ack(source->last_sequence());
    EXPECT_TRUE(source->pull().empty());
    source->stop();
  }
  auto h = harness();
  auto source = start(*h);
  EXPECT_TRUE(source->pull().empty());
}

}  // namespace
