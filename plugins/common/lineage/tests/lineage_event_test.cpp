// The lineage event's JSON and artifact refs.
#include "mlobs/lineage/lineage_event.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>

namespace mlobs::lineage {
namespace {

Artifact dataset(std::optional<std::string> version) {
  Artifact a;
  a.type = kDatasetVersion;
  a.namespace_name = "mlobs";
  a.name = "features";
  a.version = std::move(version);
  return a;
}

TEST(LineageEvent, RefNamesTypeNamespaceNameAndVersion) {
  EXPECT_EQ(dataset(std::string("v9")).ref(), "dataset_version:mlobs/features@v9");
  EXPECT_EQ(dataset(std::nullopt).ref(), "dataset_version:mlobs/features");
}

TEST(LineageEvent, JsonHasAFixedKeyOrderAndLeavesOutAbsentOptionals) {
  LineageEvent e;
  e.event_id = "lineage:training_run:r1";
  e.event_time = "2026-04-07T10:00:00Z";
  e.run_id = "r1";
  e.job_namespace = "mlobs";
  e.job_name = "training/churn";
  e.inputs.push_back(dataset(std::nullopt));
  Artifact model;
  model.type = kModelArtifact;
  model.namespace_name = "mlobs";
  model.name = "churn";
  model.version = "3";
  model.uri = "s3://models/churn/3";
  e.outputs.push_back(model);
  e.record_id = "training_run:r1";
  EXPECT_EQ(e.to_json(),
            R"({"event_id":"lineage:training_run:r1","event_type":"COMPLETE",)"
            R"("event_time":"2026-04-07T10:00:00Z","producer":"mlobs-agent",)"
            R"("run":{"run_id":"r1"},"job":{"namespace":"mlobs","name":"training/churn"},)"
            R"("inputs":[{"ref":"dataset_version:mlobs/features","type":"dataset_version",)"
            R"("namespace":"mlobs","name":"features"}],)"
            R"("outputs":[{"ref":"model_artifact:mlobs/churn@3","type":"model_artifact",)"
            R"("namespace":"mlobs","name":"churn","version":"3","uri":"s3://models/churn/3"}],)"
            R"("record_id":"training_run:r1"})");

  e.started_at = "2026-04-07T09:00:00Z";
  EXPECT_NE(e.to_json().find(R"("run":{"run_id":"r1","started_at":"2026-04-07T09:00:00Z"})"),
            std::string::npos);
}

TEST(LineageEvent, TextIsEscapedAndAppendAddsToTheBuffer) {
  LineageEvent e;
  e.run_id = "a \"quoted\"\nname";
  std::string out = "prefix";
  e.append_json(&out);
  EXPECT_EQ(out.rfind("prefix{", 0), 0u);
  EXPECT_NE(out.find(R"("run_id":"a \"quoted\"\nname")"), std::string::npos) << out;
  EXPECT_EQ(out.find('\n'), std::string::npos);  // one event, one line
}

}  // namespace
}  // namespace mlobs::lineage
