// Records to runs: the shared lineage mapping plus what OpenLineage says beyond it (a failed
// run, a build's columns and rows), and ready-made `lineage` records read back.
#include "run_mapping.h"

#include <gtest/gtest.h>

#include <string>

#include "json_record_fields.h"
#include "mlobs/lineage/record_mapping.h"

namespace mlobs::openlineage {
namespace {

using lineage::testing::JsonRecordFields;

MappedRun map(const std::string& json) { return map_run(JsonRecordFields(json), "ml"); }

TEST(RunMappingTest, ADatasetBuildCompletesWithItsColumnsAndRows) {
  const MappedRun m = map(
      R"({"kind":"dataset_build","id":"dataset_build:features:v9","body":{)"
      R"("dataset_name":"features","dataset_version":"v9","built_at":"2026-04-03T23:06:12Z",)"
      R"("row_count":1200,"columns":["customer_id","tenure",""]}})");
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->terminal_type, "COMPLETE");
  EXPECT_EQ(m.run->event.run_id, "features:v9");
  EXPECT_EQ(m.run->event.job_namespace, "ml");
  EXPECT_EQ(m.run->event.job_name, "dataset_build/features");
  EXPECT_EQ(m.run->output_columns, (std::vector<std::string>{"customer_id", "tenure"}));
  EXPECT_EQ(m.run->output_row_count, 1200);
}

TEST(RunMappingTest, RowCountAsTextCountsAndNonsenseDoesNot) {
  const std::string head =
      R"({"kind":"dataset_build","body":{"dataset_name":"f","dataset_version":"1",)"
      R"("built_at":"2026-04-03T23:06:12Z","row_count":)";
  EXPECT_EQ(map(head + R"("42"}})").run->output_row_count, 42);
  EXPECT_FALSE(map(head + R"("many"}})").run->output_row_count);
  EXPECT_FALSE(map(head + R"(-1}})").run->output_row_count);
  EXPECT_TRUE(map(head + R"(3}})").run->output_columns.empty());
}

TEST(RunMappingTest, AFailedStatusEndsTheRunInFail) {
  for (const char* status : {"failed", "FAIL", "Failure", "error"}) {
    const MappedRun m = map(
        R"({"kind":"training_run","body":{"run_id":"r-1","model_name":"churn",)"
        R"("completed_at":"2026-04-04T09:30:00Z","status":")" +
        std::string(status) + R"("}})");
    ASSERT_TRUE(m.run);
    EXPECT_EQ(m.run->terminal_type, "FAIL") << status;
  }
  const MappedRun ok = map(
      R"({"kind":"training_run","body":{"run_id":"r-1","model_name":"churn",)"
      R"("completed_at":"2026-04-04T09:30:00Z","status":"succeeded"}})");
  EXPECT_EQ(ok.run->terminal_type, "COMPLETE");
}

TEST(RunMappingTest, PassesOnTheSharedMappingsRefusals) {
  const MappedRun missing = map(R"({"kind":"training_run","body":{"run_id":"r-1"}})");
  EXPECT_FALSE(missing.run);
  EXPECT_EQ(missing.reason, lineage::kMissingField);
  EXPECT_NE(missing.detail.find("body.model_name"), std::string::npos);
  const MappedRun other = map(R"({"kind":"serving_window","body":{}})");
  EXPECT_EQ(other.reason, lineage::kUnsupportedKind);
}

TEST(RunMappingTest, ReadsALineageRecordBack) {
  const MappedRun m = map(
      R"({"kind":"lineage","id":"lineage:x","body":{"event_id":"e-1","event_type":"FAIL",)"
      R"("event_time":"2026-04-04T11:30:00+02:00","producer":"mlobs-agent",)"
      R"("run":{"run_id":"r-9","started_at":"2026-04-04T08:00:00Z"},)"
      R"("job":{"namespace":"other","name":"training/churn"},)"
      R"("inputs":[{"type":"dataset_version","namespace":"other","name":"features","version":"v9"}],)"
      R"("outputs":[{"type":"model_artifact","name":"churn","uri":"s3://m/churn"}]}})");
  ASSERT_TRUE(m.run) << m.detail;
  const lineage::LineageEvent& e = m.run->event;
  EXPECT_EQ(m.run->terminal_type, "FAIL");
  EXPECT_EQ(e.event_time, "2026-04-04T09:30:00Z");
  EXPECT_EQ(e.started_at, "2026-04-04T08:00:00Z");
  EXPECT_EQ(e.run_id, "r-9");
  EXPECT_EQ(e.job_namespace, "other");
  EXPECT_EQ(e.job_name, "training/churn");
  ASSERT_EQ(e.inputs.size(), 1u);
  EXPECT_EQ(e.inputs[0].ref(), "dataset_version:other/features@v9");
  ASSERT_EQ(e.outputs.size(), 1u);
  EXPECT_EQ(e.outputs[0].type, lineage::kModelArtifact);
  EXPECT_EQ(e.outputs[0].namespace_name, "other");  // the job's, when the entry has none
  EXPECT_EQ(e.outputs[0].uri, "s3://m/churn");
}

TEST(RunMappingTest, ALineageRecordWithoutTypeOrNamespaceGetsDefaults) {
  const MappedRun m = map(
      R"({"kind":"lineage","body":{"event_time":"2026-04-04T09:30:00Z",)"
      R"("run":{"run_id":"r-9"},"job":{"name":"j"},"inputs":[{"name":"a"}]}})");
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->terminal_type, "COMPLETE");
  EXPECT_EQ(m.run->event.job_namespace, "ml");
  EXPECT_EQ(m.run->event.inputs.at(0).type, lineage::kDatasetVersion);
  EXPECT_EQ(m.run->event.inputs.at(0).namespace_name, "ml");
  EXPECT_FALSE(m.run->event.started_at);
}

TEST(RunMappingTest, RefusesLineageRecordsItCannotRead) {
  const MappedRun missing = map(R"({"kind":"lineage","body":{"job":{"name":"j"}}})");
  EXPECT_EQ(missing.reason, lineage::kMissingField);
  EXPECT_EQ(missing.detail, "lineage record without body.event_time, body.run.run_id");

  const std::string base =
      R"({"kind":"lineage","body":{"run":{"run_id":"r"},"job":{"name":"j"},)";
  const MappedRun bad_time = map(base + R"("event_time":"yesterday"}})");
  EXPECT_EQ(bad_time.reason, lineage::kInvalidField);
  const MappedRun start = map(base + R"("event_time":"2026-04-04T09:30:00Z","event_type":"START"}})");
  EXPECT_EQ(start.reason, lineage::kInvalidField);
  const MappedRun nameless = map(
      base + R"("event_time":"2026-04-04T09:30:00Z","outputs":[{"name":"a"},{"type":"x"}]}})");
  EXPECT_EQ(nameless.reason, lineage::kMissingField);
  EXPECT_EQ(nameless.detail, "lineage record without body.outputs.1.name");
}

}  // namespace
}  // namespace mlobs::openlineage
