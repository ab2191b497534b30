// The README's demo stays true: config/quickstart.yaml runs from the repository root over the
// sample data in config/sample-data and produces what the README says it does.
#include "support/agent_test.h"
#include "support/build_paths.h"
#include "support/json_lines.h"
#include "support/text_files.h"

#include <map>
#include <string>

namespace mlobs::integration {
namespace {

class QuickstartTest : public AgentTest {};

TEST_F(QuickstartTest, RunsOnceOverTheSampleData) {
  const std::filesystem::path repo(kSourceDir);
  auto agent = start_agent({"run", "--once", "--config", "config/quickstart.yaml"},
                           {{"MLOBS_DATA_DIR", data_dir().string()}, {"MLOBS_LISTEN", "127.0.0.1:0"}},
                           repo);
  ASSERT_EQ(run_to_exit(*agent), 0) << agent->describe();

  EXPECT_FALSE(read_lines(data_dir() / "out/records.jsonl").empty());
  // The broken sample lines are dead letters, with their reason.
  EXPECT_NE(read_file(data_dir() / "dead_letter.jsonl").value_or("").find("\"reason\""),
            std::string::npos);

  // Two dataset builds and a training run in the lineage.
  std::string lineage;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "lineage", ec)) {
    lineage += read_file(entry.path()).value_or("");
  }
  EXPECT_EQ(parse_json_lines(lineage).docs.size(), 3u) << lineage;
  // The same three runs as OpenLineage events: a START and a COMPLETE each.
  const auto openlineage = read_file(data_dir() / "openlineage/events.ndjson").value_or("");
  EXPECT_EQ(parse_json_lines(openlineage).docs.size(), 6u) << openlineage;
  // Each dead letter also became an alert.
  const auto alerts = parse_json_lines(read_file(data_dir() / "out/alerts.jsonl").value_or(""));
  ASSERT_FALSE(alerts.docs.empty());
  for (const auto& doc : alerts.docs) {
    EXPECT_EQ(json_string(doc, "kind"), "error");
    EXPECT_EQ(json_string(doc, "body.category"), "dead_letter");
  }

  // A passing check report per input, and a freshness verdict per dataset.
  std::map<std::string, bool> passed;
  std::map<std::string, std::string> freshness;
  for (const auto& doc : parse_json_lines(read_file(data_dir() / "out/checks.jsonl").value_or("")).docs) {
    if (json_string(doc, "kind") == "check_report") {
      passed[json_string(doc, "body.metadata_path").value_or("")] =
          json_at(doc, "body.all_passed")->GetBool();
    } else {
      freshness[json_string(doc, "body.dataset_name").value_or("")] =
          json_string(doc, "body.status").value_or("");
    }
  }
  EXPECT_EQ(passed, (std::map<std::string, bool>{{"config/sample-data/datasets/churn_features.parquet", true},
                                                 {"config/sample-data/datasets/orders.json", true},
                                                 {"config/sample-data/runs/bundle_churn", true}}));
  EXPECT_EQ(freshness.size(), 2u);
}

}  // namespace
}  // namespace mlobs::integration
