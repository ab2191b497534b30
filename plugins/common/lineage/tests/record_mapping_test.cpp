// Mapping dataset_build and training_run records to lineage events, read from whole-record JSON.
#include "mlobs/lineage/record_mapping.h"

#include "json_record_fields.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::lineage {
namespace {

using JsonFields = testing::JsonRecordFields;

MappedEvent map(const std::string& json, std::string_view ns = "mlobs") {
  return map_record(JsonFields(json), ns);
}

std::string map_json(const std::string& json) {
  MappedEvent m = map(json);
  EXPECT_TRUE(m.event) << m.reason << ": " << m.detail;
  return m.event ? m.event->to_json() : "";
}

const char* const kBuild =
    R"({"kind":"dataset_build","id":"dataset_build:features:v9","body":{)"
    R"("dataset_name":"features","dataset_version":"v9","path":"/data/exports/features.parquet",)"
    R"("built_at":"2026-04-03T23:06:12Z","row_count":1200,"feature_count":14,)"
    R"("source_data":["s3://raw/events/2026-04-03","/data/raw/users.csv","clicks"]}})";

const char* const kRun =
    R"({"kind":"training_run","id":"training_run:r-17","body":{)"
    R"("run_id":"r-17","model_name":"churn","model_version":"3",)"
    R"("input_dataset_name":"features","input_dataset_version":"v9",)"
    R"("started_at":"2026-04-04T08:00:00Z","completed_at":"2026-04-04T09:30:00.5Z",)"
    R"("metrics":{"rmse":0.31},"artifact_path":"s3://models/churn/3/model.pkl",)"
    R"("metadata_path":"/runs/r-17/metadata.json"}})";

TEST(RecordMapping, DatasetBuild) {
  EXPECT_EQ(
      map_json(kBuild),
      R"({"event_id":"lineage:dataset_build:features:v9","event_type":"COMPLETE",)"
      R"("event_time":"2026-04-03T23:06:12Z","producer":"mlobs-agent",)"
      R"("run":{"run_id":"features:v9"},"job":{"namespace":"mlobs","name":"dataset_build/features"},)"
      R"("inputs":[)"
      R"({"ref":"source_data:mlobs/s3://raw/events/2026-04-03","type":"source_data",)"
      R"("namespace":"mlobs","name":"s3://raw/events/2026-04-03","uri":"s3://raw/events/2026-04-03"},)"
      R"({"ref":"source_data:mlobs//data/raw/users.csv","type":"source_data",)"
      R"("namespace":"mlobs","name":"/data/raw/users.csv","uri":"/data/raw/users.csv"},)"
      R"({"ref":"source_data:mlobs/clicks","type":"source_data","namespace":"mlobs","name":"clicks"}],)"
      R"("outputs":[{"ref":"dataset_version:mlobs/features@v9","type":"dataset_version",)"
      R"("namespace":"mlobs","name":"features","version":"v9",)"
      R"("uri":"file:///data/exports/features.parquet"}],)"
      R"("record_id":"dataset_build:features:v9"})");
}

TEST(RecordMapping, TrainingRun) {
  EXPECT_EQ(
      map_json(kRun),
      R"({"event_id":"lineage:training_run:r-17","event_type":"COMPLETE",)"
      R"("event_time":"2026-04-04T09:30:00.5Z","producer":"mlobs-agent",)"
      R"("run":{"run_id":"r-17","started_at":"2026-04-04T08:00:00Z"},)"
      R"("job":{"namespace":"mlobs","name":"training/churn"},)"
      R"("inputs":[{"ref":"dataset_version:mlobs/features@v9","type":"dataset_version",)"
      R"("namespace":"mlobs","name":"features","version":"v9"}],)"
      R"("outputs":[{"ref":"model_artifact:mlobs/churn@3","type":"model_artifact",)"
      R"("namespace":"mlobs","name":"churn","version":"3","uri":"s3://models/churn/3/model.pkl"}],)"
      R"("record_id":"training_run:r-17"})");
}

TEST(RecordMapping, TrainingInputRefIsTheDatasetBuildOutputRef) {
  const MappedEvent build = map(kBuild, "team-a");
  const MappedEvent run = map(kRun, "team-a");
  ASSERT_TRUE(build.event && run.event);
  ASSERT_EQ(build.event->outputs.size(), 1u);
  ASSERT_EQ(run.event->inputs.size(), 1u);
  EXPECT_EQ(run.event->inputs[0].ref(), build.event->outputs[0].ref());
  EXPECT_EQ(run.event->inputs[0].ref(), "dataset_version:team-a/features@v9");
  EXPECT_EQ(run.event->job_namespace, "team-a");
}

TEST(RecordMapping, TheSameRecordGivesTheSameBytes) {
  EXPECT_EQ(map_json(kBuild), map_json(kBuild));
  EXPECT_EQ(map_json(kRun), map_json(kRun));
}

TEST(RecordMapping, SourceDataAsOneStringAndWithoutIt) {
  const MappedEvent one =
      map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d","dataset_version":"1",)"
          R"("built_at":"2026-04-03T23:06:12Z","source_data":"gs://bucket/raw"}})");
  ASSERT_TRUE(one.event);
  ASSERT_EQ(one.event->inputs.size(), 1u);
  EXPECT_EQ(one.event->inputs[0].name, "gs://bucket/raw");
  EXPECT_EQ(one.event->inputs[0].uri.value_or(""), "gs://bucket/raw");

  const MappedEvent none =
      map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d","dataset_version":"1",)"
          R"("built_at":"2026-04-03T23:06:12Z"}})");
  ASSERT_TRUE(none.event);
  EXPECT_TRUE(none.event->inputs.empty());
  EXPECT_NE(none.event->to_json().find(R"("inputs":[])"), std::string::npos);
}

TEST(RecordMapping, OnlyUrisAndAbsolutePathsGetAUri) {
  const MappedEvent m =
      map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d","dataset_version":"1",)"
          R"("built_at":"2026-04-03T23:06:12Z","path":"exports/d.parquet","source_data":)"
          R"(["events:v3","raw/users.csv","file:///x","1http://no","","unknown","events:v3",7]}})");
  ASSERT_TRUE(m.event);
  // Empty, "unknown" and repeated entries are left out; an integer reads as its text.
  ASSERT_EQ(m.event->inputs.size(), 5u);
  EXPECT_FALSE(m.event->inputs[0].uri) << "a name with a colon is not a URI";
  EXPECT_FALSE(m.event->inputs[1].uri) << "a relative path is not a URI";
  EXPECT_EQ(m.event->inputs[2].uri.value_or(""), "file:///x");
  EXPECT_FALSE(m.event->inputs[3].uri) << "a scheme starts with a letter";
  EXPECT_EQ(m.event->inputs[4].name, "7");
  // A relative path of the build itself gives no uri either.
  ASSERT_EQ(m.event->outputs.size(), 1u);
  EXPECT_FALSE(m.event->outputs[0].uri);
}

TEST(RecordMapping, UnknownValuesAreLeftOut) {
  const MappedEvent m =
      map(R"({"kind":"training_run","id":"training_run:r1","body":{"run_id":"r1","model_name":"m",)"
          R"("model_version":"unknown","input_dataset_name":"features",)"
          R"("input_dataset_version":"unknown","started_at":"unknown",)"
          R"("completed_at":"2026-04-04T09:30:00Z","artifact_path":"unknown"}})");
  ASSERT_TRUE(m.event) << m.detail;
  EXPECT_FALSE(m.event->started_at);
  ASSERT_EQ(m.event->inputs.size(), 1u);
  EXPECT_EQ(m.event->inputs[0].ref(), "dataset_version:mlobs/features");
  ASSERT_EQ(m.event->outputs.size(), 1u);
  EXPECT_EQ(m.event->outputs[0].ref(), "model_artifact:mlobs/m");
  EXPECT_FALSE(m.event->outputs[0].uri);
}

TEST(RecordMapping, AnUnknownInputDatasetGivesNoInput) {
  const MappedEvent m =
      map(R"({"kind":"training_run","id":"training_run:r1","body":{"run_id":"r1","model_name":"m",)"
          R"("input_dataset_name":"unknown","input_dataset_version":"unknown",)"
          R"("completed_at":"2026-04-04T09:30:00Z","started_at":"yesterday"}})");
  ASSERT_TRUE(m.event) << m.detail;
  EXPECT_TRUE(m.event->inputs.empty());
  EXPECT_FALSE(m.event->started_at) << "an unreadable start time is left out";
}

TEST(RecordMapping, IntegerVersionsReadAsText) {
  const MappedEvent m =
      map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d","dataset_version":42,)"
          R"("built_at":"2026-04-03T23:06:12Z"}})");
  ASSERT_TRUE(m.event) << m.detail;
  EXPECT_EQ(m.event->outputs[0].ref(), "dataset_version:mlobs/d@42");
  EXPECT_EQ(m.event->run_id, "d:42");
}

TEST(RecordMapping, TimesAreNormalisedToUtc) {
  const MappedEvent m = map(
      R"({"kind":"training_run","id":"t","body":{"run_id":"r1","model_name":"m",)"
      R"("started_at":"2026-04-04T10:00:00+02:00","completed_at":"2026-04-04T09:30:00.250-01:00"}})");
  ASSERT_TRUE(m.event) << m.detail;
  EXPECT_EQ(m.event->event_time, "2026-04-04T10:30:00.25Z");
  EXPECT_EQ(m.event->started_at.value_or(""), "2026-04-04T08:00:00Z");
}

TEST(RecordMapping, TheRecordIdIsDerivedWhenTheEnvelopeHasNone) {
  const MappedEvent build =
      map(R"({"kind":"dataset_build","body":{"dataset_name":"d","dataset_version":"1",)"
          R"("built_at":"2026-04-03T23:06:12Z"}})");
  ASSERT_TRUE(build.event);
  EXPECT_EQ(build.event->record_id, "dataset_build:d:1");
  EXPECT_EQ(build.event->event_id, "lineage:dataset_build:d:1");
  const MappedEvent run =
      map(R"({"kind":"training_run","id":"","body":{"run_id":"r1","model_name":"m",)"
          R"("completed_at":"2026-04-04T09:30:00Z"}})");
  ASSERT_TRUE(run.event);
  EXPECT_EQ(run.event->event_id, "lineage:training_run:r1");
}

TEST(RecordMapping, MissingRequiredFieldsAreNamed) {
  MappedEvent m = map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d",)"
                      R"("built_at":"2026-04-03T23:06:12Z"}})");
  EXPECT_FALSE(m.event);
  EXPECT_EQ(m.reason, kMissingField);
  EXPECT_EQ(m.detail, "dataset_build without body.dataset_version");

  m = map(R"({"kind":"dataset_build","id":"b","body":{}})");
  EXPECT_EQ(m.reason, kMissingField);
  EXPECT_EQ(m.detail,
            "dataset_build without body.dataset_name, body.dataset_version, body.built_at");

  m = map(R"({"kind":"training_run","id":"t","body":{"run_id":"unknown","model_name":"",)"
          R"("completed_at":{"a":1}}})");
  EXPECT_FALSE(m.event);
  EXPECT_EQ(m.reason, kMissingField);
  EXPECT_EQ(m.detail, "training_run without body.run_id, body.model_name, body.completed_at");

  m = map(R"({"kind":"training_run","id":"t"})");
  EXPECT_EQ(m.reason, kMissingField);
}

TEST(RecordMapping, AnUnreadableEventTimeIsInvalid) {
  MappedEvent m = map(R"({"kind":"dataset_build","id":"b","body":{"dataset_name":"d",)"
                      R"("dataset_version":"1","built_at":"20260403_230612"}})");
  EXPECT_FALSE(m.event);
  EXPECT_EQ(m.reason, kInvalidField);
  EXPECT_EQ(m.detail, "body.built_at is not an RFC 3339 time: 20260403_230612");

  m = map(R"({"kind":"training_run","id":"t","body":{"run_id":"r","model_name":"m",)"
          R"("completed_at":"2026-02-30T00:00:00Z"}})");
  EXPECT_EQ(m.reason, kInvalidField);
}

TEST(RecordMapping, OtherKindsAreUnsupported) {
  for (const char* json : {R"({"kind":"serving_window","id":"w","body":{}})",
                           R"({"kind":"lineage","id":"l","body":{}})", R"({"body":{}})"}) {
    const MappedEvent m = map(json);
    EXPECT_FALSE(m.event) << json;
    EXPECT_EQ(m.reason, kUnsupportedKind) << json;
    EXPECT_FALSE(m.detail.empty());
  }
}

}  // namespace
}  // namespace mlobs::lineage
