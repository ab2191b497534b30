// The dataset and training path end to end: the real agent over a tree of upstream artifacts
// (a DuckDB-written Parquet dataset, a JSON-described dataset, a damaged Parquet file, and a
// training bundle that read the Parquet dataset) links them in the lineage NDJSON, shows their
// freshness on /metrics, and writes one check report per input.
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/http_client.h"
#include "support/json_lines.h"
#include "support/ml_fixture_tree.h"
#include "support/prom_text.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <csignal>
#include <map>
#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

constexpr std::string_view kPipeline = R"(
sources:
  datasets: { type: dataset_adapter, paths: [@datasets@], non_feature_columns: [account_id, event_ts, churned] }
  training: { type: training_adapter, paths: [@runs@] }
processors:
  freshness: { type: freshness, inputs: [datasets], threshold: 30m }
  checks: { type: validation, inputs: [datasets, training] }
sinks:
  lineage: { type: lineage_file, inputs: [datasets, training], dir: @lineage@ }
  # freshness passes the builds on with its own records: take only the latter from it.
  metrics: { type: prometheus, inputs: [datasets, training, { id: freshness, kinds: [freshness] }] }
  reports: { type: file, inputs: [checks], path: @reports@ }
  fresh: { type: file, inputs: [freshness], path: @freshness@ }
)";

class MlArtifactsTest : public AgentTest {
 protected:
  void SetUp() override { write_ml_fixture_tree(tmp_ / "tree"); }

  std::filesystem::path tree(std::string_view relative) const { return tmp_ / "tree" / relative; }

  // The lines of every lineage NDJSON file, parsed.
  JsonLines lineage_events() const {
    std::string text;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(tmp_ / "lineage", ec)) {
      text += read_file(entry.path()).value_or("");
    }
    return parse_json_lines(text);
  }
};

TEST_F(MlArtifactsTest, LineageFreshnessAndCheckReportsOverAFixtureTree) {
  const auto config = write_config(
      agent_section() + fill_template(kPipeline, {{"datasets", quoted(tree("datasets/*"))},
                                                  {"runs", quoted(tree("runs/*"))},
                                                  {"lineage", quoted(tmp_ / "lineage")},
                                                  {"reports", quoted(tmp_ / "reports.jsonl")},
                                                  {"freshness", quoted(tmp_ / "freshness.jsonl")}}));
  auto agent = start_agent({"run", "--config", config.string()});
  const std::optional<uint16_t> port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  // Two dataset builds and one training run reach the lineage file; the broken file does not.
  ASSERT_TRUE(wait_for([&] { return lineage_events().docs.size() >= 3; })) << agent->describe();
  const JsonLines events = lineage_events();
  ASSERT_TRUE(events.errors.empty()) << events.errors.front();
  ASSERT_EQ(events.docs.size(), 3u);
  std::map<std::string, const rapidjson::Value*> by_job;
  for (const auto& doc : events.docs) by_job[json_string(doc, "job.name").value_or("")] = &doc;
  ASSERT_TRUE(by_job.count("training/churn_model")) << "jobs seen: " << by_job.size();
  ASSERT_TRUE(by_job.count("dataset_build/churn_features"));
  ASSERT_TRUE(by_job.count("dataset_build/orders"));
  const rapidjson::Value& training = *by_job["training/churn_model"];
  const rapidjson::Value& churn = *by_job["dataset_build/churn_features"];
  ASSERT_TRUE(training["inputs"].IsArray() && training["inputs"].Size() == 1);
  ASSERT_TRUE(churn["outputs"].IsArray() && churn["outputs"].Size() == 1);
  // The link: the run's input is the very artifact the dataset build produced.
  EXPECT_EQ(json_string(training["inputs"][0], "ref"), json_string(churn["outputs"][0], "ref"));
  EXPECT_EQ(json_string(churn["outputs"][0], "version"), "20260403_230612");
  EXPECT_EQ(json_string(training["outputs"][0], "uri"), "s3://models/churn_model/3");
  EXPECT_EQ(json_string(training, "run.run_id"), "run-2026-04-04-001");
  const rapidjson::Value& orders = *by_job["dataset_build/orders"];
  EXPECT_EQ(json_string(orders["inputs"][0], "name"), "s3://raw/orders");

  // Freshness on /metrics: the JSON-described build is ten minutes old, the Parquet one months.
  std::string metrics;
  ASSERT_TRUE(wait_for([&] {
    metrics = http_get(*port, "/metrics").body;
    return prom_value(metrics, "ml_feature_freshness_seconds", {{"dataset_name", "orders"}}) &&
           prom_value(metrics, "ml_feature_freshness_seconds",
                      {{"dataset_name", "churn_features"}}) &&
           prom_value(metrics, "ml_training_duration_seconds_count");
  })) << metrics;
  const double orders_age =
      *prom_value(metrics, "ml_feature_freshness_seconds", {{"dataset_name", "orders"}});
  EXPECT_GE(orders_age, 590);
  EXPECT_LT(orders_age, 1800);
  EXPECT_GT(*prom_value(metrics, "ml_feature_freshness_seconds", {{"dataset_name", "churn_features"}}),
            1800);
  EXPECT_EQ(prom_value(metrics, "ml_training_duration_seconds_sum", {{"model_name", "churn_model"}}),
            1800);
  EXPECT_EQ(prom_value(metrics, "ml_dataset_build_duration_seconds_sum", {{"dataset_name", "orders"}}),
            95);

  // One check report per input: three pass, the damaged file fails and says why.
  std::map<std::string, const rapidjson::Value*> reports;
  JsonLines report_lines;
  ASSERT_TRUE(wait_for([&] {
    report_lines = parse_json_lines(read_file(tmp_ / "reports.jsonl").value_or(""));
    reports.clear();
    for (const auto& doc : report_lines.docs) {
      // The builds and the run pass through the validation processor too.
      if (json_string(doc, "kind") != "check_report") continue;
      reports[json_string(doc, "body.metadata_path").value_or("")] = &doc;
    }
    return reports.size() >= 4;
  })) << agent->describe();
  ASSERT_EQ(reports.size(), 4u);
  for (const char* good : {"datasets/churn_features.parquet", "datasets/orders.json", "runs/bundle_churn"}) {
    const auto it = reports.find(tree(good).string());
    ASSERT_NE(it, reports.end()) << good;
    const rapidjson::Value* passed = json_at(*it->second, "body.all_passed");
    EXPECT_TRUE(passed && passed->IsBool() && passed->GetBool()) << good;
  }
  const rapidjson::Value& broken = *reports.at(tree("datasets/broken.parquet").string());
  EXPECT_FALSE(json_at(broken, "body.all_passed")->GetBool());
  std::map<std::string, bool> results;
  for (const auto& r : json_at(broken, "body.results")->GetArray()) {
    results[json_string(r, "check").value_or("")] = r["passed"].GetBool();
  }
  for (const char* check : {"file_exists", "valid_json", "dataset_name_present",
                            "dataset_version_present", "freshness_computable"}) {
    EXPECT_TRUE(results.count(check)) << check;
  }
  EXPECT_TRUE(results["file_exists"]);
  EXPECT_FALSE(results["dataset_name_present"]);
  EXPECT_EQ(results.count("parquet_footer"), 1u);
  EXPECT_FALSE(results["parquet_footer"]);
  // ... and the file went to the dead-letter output with its reason.
  const std::string dead = read_file(data_dir() / "dead_letter.jsonl").value_or("");
  EXPECT_NE(dead.find("broken.parquet"), std::string::npos) << dead;

  // FRESH and STALE as the freshness records say them.
  std::map<std::string, std::string> status;
  EXPECT_TRUE(wait_for([&] {
    for (const auto& doc : parse_json_lines(read_file(tmp_ / "freshness.jsonl").value_or("")).docs) {
      if (json_string(doc, "kind") != "freshness") continue;
      status[json_string(doc, "body.dataset_name").value_or("")] =
          json_string(doc, "body.status").value_or("");
    }
    return status.size() >= 2;
  }));
  EXPECT_EQ(status["orders"], "FRESH");
  EXPECT_EQ(status["churn_features"], "STALE");

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

}  // namespace
}  // namespace mlobs::integration
