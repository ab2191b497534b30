// The one-shot commands on the real binary: JSON on stdout, exit 0 when the input is good and
// every check passes, 1 when the input is bad or a check fails, 2 for a usage mistake.
#include "support/agent_test.h"
#include "support/http_client.h"
#include "support/json_lines.h"
#include "support/ml_fixture_tree.h"
#include "support/prom_text.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <csignal>
#include <map>
#include <string>

namespace mlobs::integration {
namespace {

struct Outcome {
  std::optional<int> code;
  JsonLines out;
  std::string err;
  std::string described;
};

class OneShotCommandsTest : public AgentTest {
 protected:
  void SetUp() override { write_ml_fixture_tree(tmp_ / "tree"); }

  std::string tree(std::string_view relative) const { return (tmp_ / "tree" / relative).string(); }

  Outcome run(std::vector<std::string> args) const {
    auto agent = start_agent(std::move(args));
    Outcome o;
    o.code = run_to_exit(*agent);
    o.out = parse_json_lines(agent->stdout_text());
    o.err = agent->stderr_text();
    o.described = agent->describe();
    EXPECT_TRUE(o.out.errors.empty()) << o.described;
    return o;
  }
};

TEST_F(OneShotCommandsTest, EmitLineageLinksTheRunToTheDatasetBuildItRead) {
  const Outcome build = run({"emit-lineage", "dataset-build", "--metadata-path",
                             tree("datasets/churn_features.parquet"), "--lineage-dir",
                             (tmp_ / "kept").string()});
  ASSERT_EQ(build.code, 0) << build.described;
  ASSERT_EQ(build.out.docs.size(), 1u) << build.described;
  const Outcome run_ = run({"emit-lineage", "training-run", "--metadata-path", tree("runs/bundle_churn")});
  ASSERT_EQ(run_.code, 0) << run_.described;
  ASSERT_EQ(run_.out.docs.size(), 1u) << run_.described;

  const rapidjson::Value& dataset = build.out.docs[0];
  const rapidjson::Value& training = run_.out.docs[0];
  ASSERT_TRUE(dataset["outputs"].IsArray() && dataset["outputs"].Size() == 1);
  ASSERT_TRUE(training["inputs"].IsArray() && training["inputs"].Size() == 1);
  EXPECT_EQ(json_string(training["inputs"][0], "ref"), json_string(dataset["outputs"][0], "ref"));
  EXPECT_EQ(json_string(dataset, "event_type"), "COMPLETE");

  // --lineage-dir keeps what was printed: the same event, byte for byte.
  std::string kept;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(tmp_ / "kept", ec)) {
    kept += read_file(entry.path()).value_or("");
  }
  const JsonLines kept_lines = parse_json_lines(kept);
  ASSERT_EQ(kept_lines.docs.size(), 1u) << kept;
  EXPECT_EQ(json_string(kept_lines.docs[0], "event_id"), json_string(dataset, "event_id"));
}

TEST_F(OneShotCommandsTest, EmitLineageOfADamagedFileFailsWithItsCheckReport) {
  const Outcome o = run({"emit-lineage", "dataset-build", "--metadata-path",
                         tree("datasets/broken.parquet")});
  EXPECT_EQ(o.code, 1) << o.described;
  ASSERT_EQ(o.out.docs.size(), 1u) << o.described;
  EXPECT_EQ(json_string(o.out.docs[0], "metadata_path"), tree("datasets/broken.parquet"));
  EXPECT_FALSE(json_at(o.out.docs[0], "all_passed")->GetBool());
  // The dead letter, with its reason, is copied to stderr.
  EXPECT_NE(o.err.find(R"("reason")"), std::string::npos) << o.described;
}

TEST_F(OneShotCommandsTest, ComputeFreshnessSaysFreshOrStale) {
  const Outcome fresh = run({"compute-freshness", "--metadata-path", tree("datasets/orders.json")});
  EXPECT_EQ(fresh.code, 0) << fresh.described;
  ASSERT_EQ(fresh.out.docs.size(), 1u) << fresh.described;
  EXPECT_EQ(json_string(fresh.out.docs[0], "status"), "FRESH");
  EXPECT_EQ(json_string(fresh.out.docs[0], "dataset_version"), "v42");

  const Outcome stale =
      run({"compute-freshness", "--metadata-path", tree("datasets/churn_features.parquet")});
  EXPECT_EQ(stale.code, 1) << stale.described;
  ASSERT_EQ(stale.out.docs.size(), 1u) << stale.described;
  EXPECT_EQ(json_string(stale.out.docs[0], "status"), "STALE");

  // A threshold longer than the build's age makes it fresh.
  const Outcome lenient = run({"compute-freshness", "--metadata-path",
                               tree("datasets/churn_features.parquet"), "--threshold", "100000h"});
  EXPECT_EQ(lenient.code, 0) << lenient.described;
}

TEST_F(OneShotCommandsTest, RunChecksPassesGoodMetadataAndNamesWhatIsMissing) {
  const Outcome good = run({"run-checks", "--metadata-path", tree("datasets/orders.json")});
  EXPECT_EQ(good.code, 0) << good.described;
  ASSERT_EQ(good.out.docs.size(), 1u) << good.described;
  EXPECT_TRUE(json_at(good.out.docs[0], "all_passed")->GetBool()) << good.described;
  EXPECT_GE(json_at(good.out.docs[0], "results")->Size(), 5u);

  // A path reaches the plugins as typed: "${HOME}" in a file name is not expanded.
  std::filesystem::copy_file(tree("datasets/orders.json"), tree("datasets/orders_${HOME}.json"));
  const Outcome dollar =
      run({"run-checks", "--metadata-path", tree("datasets/orders_${HOME}.json")});
  EXPECT_EQ(dollar.code, 0) << dollar.described;
  ASSERT_EQ(dollar.out.docs.size(), 1u) << dollar.described;
  EXPECT_EQ(json_string(dollar.out.docs[0], "metadata_path"), tree("datasets/orders_${HOME}.json"));

  const Outcome bundle = run({"run-checks", "--metadata-path", tree("runs/bundle_churn")});
  EXPECT_EQ(bundle.code, 0) << bundle.described;

  const Outcome missing = run({"run-checks", "--metadata-path", tree("datasets/nothing.json")});
  EXPECT_EQ(missing.code, 1) << missing.described;
  ASSERT_EQ(missing.out.docs.size(), 1u) << missing.described;
  std::map<std::string, bool> results;
  for (const auto& r : json_at(missing.out.docs[0], "results")->GetArray()) {
    results[json_string(r, "check").value_or("")] = r["passed"].GetBool();
  }
  ASSERT_TRUE(results.count("file_exists")) << missing.described;
  EXPECT_FALSE(results["file_exists"]);
}

TEST_F(OneShotCommandsTest, SimulatePredictionCountsEveryPrediction) {
  const Outcome o = run({"simulate-prediction", "--count", "7", "--model-name", "churn_model"});
  EXPECT_EQ(o.code, 0) << o.described;
  ASSERT_EQ(o.out.docs.size(), 1u) << o.described;
  EXPECT_EQ(json_int(o.out.docs[0], "predictions"), 7);
  const rapidjson::Value* counted = json_at(o.out.docs[0], "ml_prediction_total");
  ASSERT_TRUE(counted && counted->IsNumber()) << o.described;
  EXPECT_EQ(counted->GetDouble(), 7.0);
}

TEST_F(OneShotCommandsTest, DemoMetricsServesSampleValuesUntilStopped) {
  auto agent = start_agent({"demo-metrics", "--port", "0"});
  std::optional<uint16_t> port;
  ASSERT_TRUE(wait_for([&] {
    const JsonLines lines = parse_json_lines(agent->stdout_text());
    if (lines.docs.empty()) return false;
    const std::string url = json_string(lines.docs[0], "metrics_url").value_or("");
    const size_t colon = url.rfind(':');
    port = static_cast<uint16_t>(std::stoi(url.substr(colon + 1)));
    return true;
  })) << agent->describe();
  std::string metrics;
  EXPECT_TRUE(wait_for([&] {
    metrics = http_get(*port, "/metrics").body;
    return prom_value(metrics, "ml_feature_freshness_seconds", {{"dataset_name", "orders"}}) &&
           prom_value(metrics, "ml_prediction_total") &&
           prom_value(metrics, "ml_training_duration_seconds_count") &&
           prom_value(metrics, "mlobs_deployment_health", {{"status", "healthy"}});
  })) << metrics;
  // Each sample counted once, though the processors pass their input on too.
  EXPECT_EQ(prom_value(metrics, "ml_prediction_total"), 600) << metrics;  // 5 windows x 120
  EXPECT_EQ(prom_value(metrics, "ml_dataset_build_duration_seconds_count", {{"dataset_name", "orders"}}),
            1)
      << metrics;
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

TEST_F(OneShotCommandsTest, UsageMistakesExitTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"emit-lineage", "dataset-build"},
           {"emit-lineage", "model-push", "--metadata-path", "x"},
           {"run-checks", "--metadata-path", "x", "--kind", "serving"},
           {"compute-freshness", "--metadata", "x"},
           {"simulate-prediction", "--count", "0", "--model-name", "m"},
           {"serve-metrics", "--port", "9464"},
       }) {
    auto agent = start_agent(args);
    EXPECT_EQ(run_to_exit(*agent), 2) << agent->describe();
  }
}

}  // namespace
}  // namespace mlobs::integration
