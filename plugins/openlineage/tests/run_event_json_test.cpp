// Runs to RunEvents, checked field by field on the parsed JSON.
#include "run_event_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <memory>
#include <string>

#include "facet_schemas.h"
#include "json_record_fields.h"
#include "mlobs/lineage/run_uuid.h"

namespace mlobs::openlineage {
namespace {

using lineage::testing::JsonRecordFields;

constexpr const char* kProducer = "https://example.test/agent";

const char* const kBuild =
    R"({"kind":"dataset_build","id":"dataset_build:features:v9","body":{)"
    R"("dataset_name":"features","dataset_version":"v9","path":"/data/exports/features.parquet",)"
    R"("built_at":"2026-04-03T23:06:12Z","row_count":1200,"columns":["customer_id","tenure"],)"
    R"("source_data":["s3://raw/events/2026-04-03","clicks"]}})";

const char* const kRun =
    R"({"kind":"training_run","id":"training_run:r-17","body":{)"
    R"("run_id":"r-17","model_name":"churn","model_version":"3",)"
    R"("input_dataset_name":"features","input_dataset_version":"v9",)"
    R"("started_at":"2026-04-04T08:00:00Z","completed_at":"2026-04-04T09:30:00Z",)"
    R"("artifact_path":"s3://models/churn/3/model.pkl"}})";

std::vector<RunEvent> events_of(const std::string& record, std::string_view ns = "ml") {
  const MappedRun m = map_run(JsonRecordFields(record), ns);
  EXPECT_TRUE(m.run) << m.detail;
  return m.run ? run_events(*m.run, kProducer) : std::vector<RunEvent>{};
}

std::unique_ptr<rapidjson::Document> parse(const std::string& json) {
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(json.c_str());
  EXPECT_FALSE(doc->HasParseError()) << json;
  return doc;
}

// The string at a JSON pointer ("/run/runId"), or "<absent>".
std::string at(const rapidjson::Document& doc, const char* pointer) {
  const rapidjson::Value* v = rapidjson::Pointer(pointer).Get(doc);
  if (!v) return "<absent>";
  if (v->IsString()) return v->GetString();
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  return "<not a string>";
}

bool has(const rapidjson::Document& doc, const char* pointer) {
  return rapidjson::Pointer(pointer).Get(doc) != nullptr;
}

TEST(RunEventJsonTest, ADatasetBuildIsAStartAndACompleteOfOneRun) {
  const std::vector<RunEvent> events = events_of(kBuild);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_type, "START");
  EXPECT_EQ(events[1].event_type, "COMPLETE");
  const std::string run_id = lineage::run_uuid("ml", "features:v9");
  EXPECT_EQ(events[0].run_id, run_id);
  EXPECT_EQ(events[1].run_id, run_id);

  for (const RunEvent& e : events) {
    auto doc = parse(e.json);
    EXPECT_EQ(at(*doc, "/eventType"), e.event_type);
    EXPECT_EQ(at(*doc, "/eventTime"), "2026-04-03T23:06:12Z");  // no start time: the end's
    EXPECT_EQ(at(*doc, "/run/runId"), run_id);
    EXPECT_EQ(at(*doc, "/job/namespace"), "ml");
    EXPECT_EQ(at(*doc, "/job/name"), "dataset_build/features");
    EXPECT_EQ(at(*doc, "/producer"), kProducer);
    EXPECT_EQ(at(*doc, "/schemaURL"), kRunEventSchemaUrl);

    EXPECT_EQ(at(*doc, "/inputs/0/namespace"), "ml");
    EXPECT_EQ(at(*doc, "/inputs/0/name"), "s3://raw/events/2026-04-03");
    EXPECT_EQ(at(*doc, "/inputs/0/facets/dataSource/uri"), "s3://raw/events/2026-04-03");
    EXPECT_EQ(at(*doc, "/inputs/0/facets/dataSource/_schemaURL"), kDataSourceFacetUrl);
    EXPECT_EQ(at(*doc, "/inputs/1/name"), "clicks");
    EXPECT_FALSE(has(*doc, "/inputs/1/facets"));  // nothing known about it
    EXPECT_FALSE(has(*doc, "/inputs/2"));

    EXPECT_EQ(at(*doc, "/outputs/0/namespace"), "ml");
    EXPECT_EQ(at(*doc, "/outputs/0/name"), "features");
    EXPECT_EQ(at(*doc, "/outputs/0/facets/version/datasetVersion"), "v9");
    EXPECT_EQ(at(*doc, "/outputs/0/facets/version/_schemaURL"), kDatasetVersionFacetUrl);
    EXPECT_EQ(at(*doc, "/outputs/0/facets/dataSource/uri"),
              "file:///data/exports/features.parquet");
    EXPECT_EQ(at(*doc, "/outputs/0/facets/schema/_producer"), kProducer);
    EXPECT_EQ(at(*doc, "/outputs/0/facets/schema/_schemaURL"), kSchemaFacetUrl);
    EXPECT_EQ(at(*doc, "/outputs/0/facets/schema/fields/0/name"), "customer_id");
    EXPECT_EQ(at(*doc, "/outputs/0/facets/schema/fields/1/name"), "tenure");
    EXPECT_EQ(at(*doc, "/outputs/0/facets/schema/fields/1/ordinal_position"), "2");
  }
  // Rows written are the terminal event's.
  EXPECT_FALSE(has(*parse(events[0].json), "/outputs/0/outputFacets"));
  auto complete = parse(events[1].json);
  EXPECT_EQ(at(*complete, "/outputs/0/outputFacets/outputStatistics/rowCount"), "1200");
  EXPECT_EQ(at(*complete, "/outputs/0/outputFacets/outputStatistics/_schemaURL"),
            kOutputStatisticsFacetUrl);
}

TEST(RunEventJsonTest, ATrainingRunStartsAtItsStartAndReadsTheBuildsOutput) {
  const std::vector<RunEvent> build = events_of(kBuild);
  const std::vector<RunEvent> run = events_of(kRun);
  ASSERT_EQ(run.size(), 2u);
  EXPECT_EQ(run[0].run_id, lineage::run_uuid("ml", "r-17"));
  auto start = parse(run[0].json);
  auto complete = parse(run[1].json);
  EXPECT_EQ(at(*start, "/eventTime"), "2026-04-04T08:00:00Z");
  EXPECT_EQ(at(*complete, "/eventTime"), "2026-04-04T09:30:00Z");
  EXPECT_EQ(at(*complete, "/job/name"), "training/churn");

  auto build_complete = parse(build[1].json);
  EXPECT_EQ(at(*complete, "/inputs/0/namespace"), at(*build_complete, "/outputs/0/namespace"));
  EXPECT_EQ(at(*complete, "/inputs/0/name"), at(*build_complete, "/outputs/0/name"));
  EXPECT_EQ(at(*complete, "/inputs/0/facets/version/datasetVersion"), "v9");

  EXPECT_EQ(at(*complete, "/outputs/0/name"), "models/churn");
  EXPECT_EQ(at(*complete, "/outputs/0/facets/dataSource/uri"), "s3://models/churn/3/model.pkl");
  EXPECT_EQ(at(*complete, "/outputs/0/facets/version/datasetVersion"), "3");
  EXPECT_FALSE(has(*complete, "/outputs/0/facets/schema"));
  EXPECT_FALSE(has(*complete, "/outputs/0/outputFacets"));
}

TEST(RunEventJsonTest, AFailedRunEndsInFailWithoutRowsWritten) {
  const std::vector<RunEvent> events = events_of(
      R"({"kind":"dataset_build","body":{"dataset_name":"f","dataset_version":"1",)"
      R"("built_at":"2026-04-03T23:06:12Z","row_count":5,"status":"failed"}})");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_type, "START");
  EXPECT_EQ(events[1].event_type, "FAIL");
  auto fail = parse(events[1].json);
  EXPECT_EQ(at(*fail, "/eventType"), "FAIL");
  EXPECT_FALSE(has(*fail, "/outputs/0/outputFacets"));
}

TEST(RunEventJsonTest, TheSameRecordGivesTheSameBytesAndAnotherNamespaceAnotherRun) {
  EXPECT_EQ(events_of(kRun)[1].json, events_of(kRun)[1].json);
  EXPECT_EQ(events_of(kRun)[0].run_id, "" + lineage::run_uuid("ml", "r-17"));
  EXPECT_NE(events_of(kRun, "other")[0].run_id, events_of(kRun)[0].run_id);
}

TEST(RunEventJsonTest, EscapesWhatJsonMust) {
  const std::vector<RunEvent> events = events_of(
      R"({"kind":"training_run","body":{"run_id":"r\"1","model_name":"a\\b\nc\u0001",)"
      R"("completed_at":"2026-04-04T09:30:00Z"}})");
  ASSERT_EQ(events.size(), 2u);
  auto doc = parse(events[1].json);
  EXPECT_EQ(at(*doc, "/job/name"), "training/a\\b\nc\x01");
  EXPECT_EQ(at(*doc, "/outputs/0/name"), "models/a\\b\nc\x01");
}

TEST(RunEventJsonTest, AnUnknownInputGivesNoInput) {
  const std::vector<RunEvent> events = events_of(
      R"({"kind":"training_run","body":{"run_id":"r","model_name":"m",)"
      R"("input_dataset_name":"unknown","completed_at":"2026-04-04T09:30:00Z"}})");
  auto doc = parse(events[0].json);
  EXPECT_TRUE(rapidjson::Pointer("/inputs").Get(*doc)->IsArray());
  EXPECT_FALSE(has(*doc, "/inputs/0"));
}

}  // namespace
}  // namespace mlobs::openlineage
