// The training_adapter source through the SDK harness (the agent's own loader and host), over
// copies of the fixtures.
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using mlobs::testing::CallResult;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

const fs::path kFixtures = FIXTURES_DIR;

std::string field(const std::string& record_json, const char* path_in_body) {
  rapidjson::Document doc;
  doc.Parse(record_json.c_str());
  if (!doc.IsObject() || !doc.HasMember("body")) return "<not a record>";
  const rapidjson::Value* v = &doc["body"];
  std::string rest = path_in_body;
  while (!rest.empty()) {
    const size_t dot = rest.find('.');
    const std::string key = rest.substr(0, dot);
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
    if (!v->IsObject() || !v->HasMember(key.c_str())) return "<absent>";
    v = &(*v)[key.c_str()];
  }
  if (v->IsString()) return v->GetString();
  if (v->IsNumber()) return std::to_string(v->GetDouble());
  if (v->IsBool()) return v->GetBool() ? "true" : "false";
  if (v->IsArray()) {
    std::string out = "[";
    for (const auto& item : v->GetArray()) {
      out += (out.size() > 1 ? "," : "") + std::string(item.IsString() ? item.GetString() : "?");
    }
    return out + "]";
  }
  return "<other>";
}

std::string envelope(const std::string& record_json, const char* key) {
  rapidjson::Document doc;
  doc.Parse(record_json.c_str());
  if (!doc.IsObject() || !doc.HasMember(key) || !doc[key].IsString()) return "<absent>";
  return doc[key].GetString();
}

std::string dead_letter_field(const mlobs::testing::DeadLetter& d, const std::string& name) {
  for (const auto& [k, v] : d.fields) {
    if (k == name) return v;
  }
  return "<absent>";
}

class TrainingAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(files_ / "runs"); }

  std::unique_ptr<Harness> harness() const {
    auto h = std::make_unique<Harness>((data_ / "state").string());
    std::string error;
    EXPECT_TRUE(h->load_plugin(PLUGIN_PATH, &error)) << error;
    return h;
  }

  std::unique_ptr<mlobs::testing::Component> start(Harness& h,
                                                   const std::vector<std::string>& paths) const {
    std::string list;
    for (const auto& p : paths) list += (list.empty() ? "\"" : ", \"") + p + "\"";
    CallResult result;
    auto c = h.start("training_adapter", "paths: [" + list + "]\n", &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }
  std::unique_ptr<mlobs::testing::Component> start(Harness& h) const {
    return start(h, {(files_ / "runs/*").string()});
  }

  void copy_bundle(const std::string& name, const std::string& as) const {
    fs::copy(kFixtures / name, files_ / "runs" / as, fs::copy_options::recursive);
  }

  TempDir files_{"training_adapter_test"};
  TempDir data_{"training_adapter_test"};
};

TEST_F(TrainingAdapterTest, AMetadataFileGivesATrainingRun) {
  fs::copy_file(kFixtures / "run_metadata.json", files_ / "runs/orders.json");
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  const std::string& r = records[0];
  EXPECT_EQ(envelope(r, "kind"), "training_run") << r;
  EXPECT_EQ(envelope(r, "id"), "training_run:run-2026-04-06-002") << r;
  EXPECT_EQ(field(r, "model_name"), "orders_forecast");
  EXPECT_EQ(field(r, "completed_at"), "2026-04-06T03:12:45.5Z");
  EXPECT_EQ(field(r, "metrics.mape"), std::to_string(0.08));
  EXPECT_EQ(field(r, "metadata_path"), (files_ / "runs/orders.json").string());
  EXPECT_EQ(field(r, "unknown_fields"), "[]");
  EXPECT_TRUE(h->dead_letters().empty());
  EXPECT_TRUE(source->pull().empty()) << "read and not yet acknowledged: not read again";
}

TEST_F(TrainingAdapterTest, ABundleDirectoryGivesATrainingRun) {
  copy_bundle("bundle_churn", "bundle_churn");
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  const std::string& r = records[0];
  EXPECT_EQ(envelope(r, "id"), "training_run:run-2026-04-04-001") << r;
  EXPECT_EQ(field(r, "model_name"), "churn_model");
  EXPECT_EQ(field(r, "model_version"), "3");
  EXPECT_EQ(field(r, "input_dataset_name"), "churn_features");
  EXPECT_EQ(field(r, "input_dataset_version"), "20260403_230612");
  EXPECT_EQ(field(r, "started_at"), "2026-04-04T01:00:00Z");
  EXPECT_EQ(field(r, "completed_at"), "2026-04-04T01:30:00Z");
  EXPECT_EQ(field(r, "metrics.rmse"), std::to_string(0.412));
  EXPECT_EQ(field(r, "metrics.mae"), std::to_string(0.287));
  EXPECT_EQ(field(r, "artifact_path"), "s3://models/churn_model/3");
  EXPECT_EQ(field(r, "metadata_path"), (files_ / "runs/bundle_churn").string());
  EXPECT_EQ(field(r, "unknown_fields"), "[]");
  EXPECT_EQ(h->metric_value("mlobs_training_adapter_runs_total", {{"component", "under_test"}}), 1);
}

TEST_F(TrainingAdapterTest, ABundleWithoutMetadataIsSkippedUntilItAppears) {
  files_.write("runs/b/metrics.json", R"({"test_rmse":0.5})");
  files_.write("runs/b/model_uri.txt", "s3://models/m/1\n");
  auto h = harness();
  auto source = start(*h, {(files_ / "runs/*").string(), (files_ / "runs/b").string()});
  EXPECT_TRUE(source->pull().empty());
  EXPECT_TRUE(h->dead_letters().empty()) << "a bundle being written is not a failure";

  files_.write("runs/b/metadata.json",
               R"({"run_id":"r-1","candidate_name":"m","created_at":"2026-04-04T01:30:00Z"})");
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u) << "named by both patterns, read once";
  EXPECT_EQ(envelope(records[0], "id"), "training_run:r-1");
  EXPECT_EQ(field(records[0], "metrics.rmse"), std::to_string(0.5));
  EXPECT_EQ(field(records[0], "unknown_fields"),
            "[model_version,input_dataset_name,input_dataset_version]");
}

TEST_F(TrainingAdapterTest, ARewrittenBundleFileMakesTheBundleReadAgain) {
  copy_bundle("bundle_churn", "b");
  auto h = harness();
  auto source = start(*h);
  ASSERT_EQ(source->pull().size(), 1u);
  source->ack(source->last_sequence());
  EXPECT_TRUE(source->pull().empty());

  files_.write("runs/b/metrics.json", R"({"test_rmse":0.3,"test_mae":0.2})");
  std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(field(records[0], "metrics.rmse"), std::to_string(0.3));
  EXPECT_EQ(field(records[0], "metrics.test_auc"), "<absent>");

  files_.write("runs/b/model_uri.txt", "s3://models/churn_model/3-retrained\n");
  records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(field(records[0], "artifact_path"), "s3://models/churn_model/3-retrained");

  fs::remove(files_ / "runs/b/model_uri.txt");
  records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(field(records[0], "artifact_path"), "unknown");
}

TEST_F(TrainingAdapterTest, AcknowledgedRunsAreNotEmittedAgainAfterARestart) {
  copy_bundle("bundle_churn", "b");
  fs::copy_file(kFixtures / "run_metadata.json", files_ / "runs/orders.json");
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 2u);
    source->ack(source->last_sequence());
    source->stop();
  }
  auto h = harness();
  auto source = start(*h);
  EXPECT_TRUE(source->pull().empty());
  EXPECT_EQ(h->metric_value("mlobs_training_adapter_runs_total", {{"component", "under_test"}}), 0);
}

TEST_F(TrainingAdapterTest, UnacknowledgedRunsAreReadAgainAfterARestart) {
  copy_bundle("bundle_churn", "b");
  fs::copy_file(kFixtures / "run_metadata.json", files_ / "runs/orders.json");
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull(1).size(), 1u);
    source->ack(source->last_sequence());  // only the first batch, with one of the two
    ASSERT_EQ(source->pull(1).size(), 1u);
    source->stop();
  }
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(envelope(records[0], "id"), "training_run:run-2026-04-06-002")
      << "bundles come first; the file's batch was never acknowledged";
}

TEST_F(TrainingAdapterTest, BrokenMetadataGoesToTheDeadLetterOutputWithACheckReport) {
  files_.write("runs/broken.json", "{\"run_id\":");
  copy_bundle("bundle_churn", "bad_metrics");
  files_.write("runs/bad_metrics/metrics.json", R"({"test_rmse":"0.4"})");
  files_.write("runs/late/metadata.json",
               R"({"run_id":"r","candidate_name":"m","created_at":"2026-04-04T00:00:00Z",)"
               R"("started_at":"2026-04-04T01:00:00Z"})");
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 3u);
  for (const std::string& r : records) {
    EXPECT_EQ(envelope(r, "kind"), "check_report") << r;
    EXPECT_EQ(envelope(r, "id"), "check_report:" + field(r, "metadata_path")) << r;
    EXPECT_EQ(field(r, "all_passed"), "false") << r;
  }
  // Bundles first, each sorted by path.
  EXPECT_EQ(field(records[0], "metadata_path"), (files_ / "runs/bad_metrics").string());
  const std::string expected_result =
      R"({"check":"training_metadata","passed":false,)"
      R"("detail":"wrong_type: metrics.json: \"test_rmse\" is not a number"})";
  EXPECT_NE(records[0].find(expected_result), std::string::npos) << records[0];
  EXPECT_NE(records[1].find("completed_before_started: metadata.json: created_at"),
            std::string::npos)
      << records[1];
  EXPECT_NE(records[2].find("invalid_json: the metadata is not JSON"), std::string::npos)
      << records[2];

  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 3u);
  EXPECT_EQ(dead[0].reason, "wrong_type");
  EXPECT_EQ(dead_letter_field(dead[0], "file"),
            (files_ / "runs/bad_metrics/metrics.json").string());
  EXPECT_EQ(dead[1].reason, "completed_before_started");
  EXPECT_EQ(dead_letter_field(dead[1], "file"), (files_ / "runs/late/metadata.json").string());
  EXPECT_EQ(dead[2].reason, "invalid_json");
  EXPECT_EQ(dead_letter_field(dead[2], "file"), (files_ / "runs/broken.json").string());
  EXPECT_NE(dead_letter_field(dead[2], "error").find("offset"), std::string::npos);
  EXPECT_EQ(h->metric_value("mlobs_records_rejected_total",
                            {{"component", "under_test"}, {"reason", "invalid_json"}}),
            1);
  EXPECT_TRUE(source->pull().empty()) << "a broken version is reported once";

  files_.write("runs/bad_metrics/metrics.json", R"({"test_rmse":0.4})");
  const std::vector<std::string> fixed = source->pull();
  ASSERT_EQ(fixed.size(), 1u) << "the fixed version is read";
  EXPECT_EQ(envelope(fixed[0], "kind"), "training_run");
}

TEST_F(TrainingAdapterTest, AMetadataFileOverOneMebibyteIsRefusedUnread) {
  files_.write("runs/huge.json", std::string((1 << 20) + 1, ' '));
  files_.write("runs/b/metadata.json",
               R"({"run_id":"r","candidate_name":"m","created_at":"2026-04-04T00:00:00Z"})");
  files_.write("runs/b/metrics.json", std::string((1 << 20) + 1, ' '));
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].find("unreadable: metrics.json: cannot read"), std::string::npos)
      << records[0];
  const auto dead = h->dead_letters();
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_EQ(dead[0].reason, "unreadable");
  EXPECT_EQ(dead_letter_field(dead[0], "file"), (files_ / "runs/b/metrics.json").string());
  EXPECT_EQ(dead[1].reason, "unreadable");
  EXPECT_EQ(dead_letter_field(dead[1], "file"), (files_ / "runs/huge.json").string());
}

TEST_F(TrainingAdapterTest, UnknownFieldsAreCountedByField) {
  copy_bundle("bundle_minimal", "m1");
  copy_bundle("bundle_minimal", "m2");
  files_.write("runs/m2/metadata.json",
               R"({"run_id":"r-2","candidate_name":"m","created_at":"2026-04-04T00:00:00Z",)"
               R"("input_dataset_name":"orders_daily"})");
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(field(records[0], "unknown_fields"),
            "[input_dataset_name,input_dataset_version,artifact_path]");
  EXPECT_EQ(field(records[1], "input_dataset_name"), "orders_daily");

  const std::string text = h->metrics_text();
  EXPECT_NE(text.find("mlobs_training_adapter_unknown_fields_total{"), std::string::npos) << text;
  auto unknown = [&](const char* name) {
    return h->metric_value("mlobs_training_adapter_unknown_fields_total",
                           {{"component", "under_test"}, {"field", name}});
  };
  EXPECT_EQ(unknown("input_dataset_name"), 1);
  EXPECT_EQ(unknown("input_dataset_version"), 2);
  EXPECT_EQ(unknown("artifact_path"), 2);
  EXPECT_EQ(unknown("model_version"), 1) << "r-2 has none";
  EXPECT_EQ(h->metric_value("mlobs_training_adapter_runs_total", {{"component", "under_test"}}), 2);
}

TEST_F(TrainingAdapterTest, APlainPathNamingNothingIsReportedOncePerStart) {
  const std::string missing = (files_ / "runs/run-7").string();
  const std::vector<std::string> paths = {missing, (files_ / "runs/*.absent").string()};
  {
    auto h = harness();
    auto source = start(*h, paths);
    const std::vector<std::string> records = source->pull();
    ASSERT_EQ(records.size(), 1u) << "a glob that matches nothing is quiet";
    EXPECT_EQ(envelope(records[0], "kind"), "check_report");
    EXPECT_EQ(envelope(records[0], "id"), "check_report:" + missing);
    EXPECT_EQ(field(records[0], "metadata_path"), missing);
    EXPECT_NE(records[0].find(R"("check":"file_exists","passed":false)"), std::string::npos)
        << records[0];
    const auto dead = h->dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].reason, "missing_file");
    EXPECT_EQ(dead_letter_field(dead[0], "file"), missing);
    EXPECT_TRUE(source->pull().empty()) << "once per start";

    fs::create_directories(missing);  // a bundle being written: quiet
    EXPECT_TRUE(source->pull().empty());
    files_.write("runs/run-7/metadata.json",
                 R"({"run_id":"r-7","candidate_name":"m","created_at":"2026-04-04T00:00:00Z"})");
    const std::vector<std::string> later = source->pull();
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(envelope(later[0], "id"), "training_run:r-7");
    fs::remove_all(missing);
  }
  auto h = harness();
  auto source = start(*h, paths);
  EXPECT_EQ(source->pull().size(), 1u) << "reported again after a restart";
}

TEST_F(TrainingAdapterTest, ABatchTakesNoMoreThanItsCapacity) {
  copy_bundle("bundle_churn", "a");
  copy_bundle("bundle_churn", "b");
  copy_bundle("bundle_churn", "c");
  auto h = harness();
  auto source = start(*h);
  EXPECT_EQ(source->pull(2).size(), 2u);
  EXPECT_EQ(source->pull(2).size(), 1u);
  EXPECT_TRUE(source->pull(2).empty());
}

TEST_F(TrainingAdapterTest, InputsGoneFromAFullScanAreForgotten) {
  // Moved away and back, a bundle keeps its files' signatures: it is read again only if the
  // source forgot it while it was gone.
  copy_bundle("bundle_churn", "a");
  copy_bundle("bundle_churn", "b");
  {
    auto h = harness();
    auto source = start(*h);
    ASSERT_EQ(source->pull().size(), 2u);
    source->ack(source->last_sequence());
    fs::rename(files_ / "runs/b", files_ / "b");
    EXPECT_TRUE(source->pull().empty());
    source->stop();
  }
  fs::rename(files_ / "b", files_ / "runs/b");
  auto h = harness();
  auto source = start(*h);
  const std::vector<std::string> records = source->pull();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(field(records[0], "metadata_path"), (files_ / "runs/b").string());
}

TEST_F(TrainingAdapterTest, PathsIsRequired) {
  auto h = harness();
  CallResult result;
  auto c = h->start("training_adapter", "{}\n", &result);
  EXPECT_FALSE(result.ok());
  c = h->start("training_adapter", "paths: []\n", &result);
  EXPECT_FALSE(result.ok());
}

}  // namespace
