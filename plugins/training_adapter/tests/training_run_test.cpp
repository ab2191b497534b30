// Training runs from metadata files and bundles, every fallback, and each reason metadata makes
// no run.
#include "training_run.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace mlobs::training_adapter {
namespace {

const std::filesystem::path kFixtures = FIXTURES_DIR;

std::string fixture(const std::string& name) {
  std::ifstream in(kFixtures / name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A metadata file with every contract field: members in `extra` (JSON text without braces)
// replace those of the same name, and the field named `without` is left out.
std::string metadata(const std::string& extra = "", const std::string& without = "") {
  std::string fields[][2] = {{"run_id", "\"run-1\""},
                             {"model_name", "\"churn_model\""},
                             {"model_version", "\"3\""},
                             {"input_dataset_name", "\"churn_features\""},
                             {"input_dataset_version", "\"20260403_230612\""},
                             {"started_at", "\"2026-04-04T01:00:00Z\""},
                             {"completed_at", "\"2026-04-04T01:30:00Z\""},
                             {"metrics", "{\"rmse\":0.5}"},
                             {"artifact_path", "\"s3://models/churn_model/3\""}};
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    if (key == without || extra.find("\"" + key + "\":") != std::string::npos) continue;
    if (out.size() > 1) out += ",";
    out += "\"" + key + "\":" + value;
  }
  if (!extra.empty()) out += (out.size() > 1 ? "," : "") + extra;
  return out + "}";
}

MappedRun from_file(const std::string& text) { return map_metadata_file("/runs/r.json", text); }

void expect_problem(const MappedRun& m, const std::string& reason, const std::string& in_detail) {
  EXPECT_FALSE(m.run);
  EXPECT_EQ(m.reason, reason) << m.detail;
  EXPECT_NE(m.detail.find(in_detail), std::string::npos) << m.detail;
}

TEST(MetadataFile, EveryContractFieldIsRead) {
  const MappedRun m = map_metadata_file("/runs/run_metadata.json", fixture("run_metadata.json"));
  ASSERT_TRUE(m.run) << m.reason << ": " << m.detail;
  const TrainingRun& r = *m.run;
  EXPECT_EQ(r.run_id, "run-2026-04-06-002");
  EXPECT_EQ(r.model_name, "orders_forecast");
  EXPECT_EQ(r.model_version, "7");
  EXPECT_EQ(r.input_dataset_name, "orders_daily");
  EXPECT_EQ(r.input_dataset_version, "20260405_060000");
  EXPECT_EQ(r.started_at, "2026-04-06T02:00:00Z");
  EXPECT_EQ(r.completed_at, "2026-04-06T03:12:45.5Z");
  EXPECT_EQ(r.metrics,
            (std::map<std::string, double>{{"mae", 9.25}, {"mape", 0.08}, {"rmse", 12.5}}));
  EXPECT_EQ(r.artifact_path, "s3://models/orders_forecast/7");
  EXPECT_EQ(r.metadata_path, "/runs/run_metadata.json");
  EXPECT_TRUE(r.unknown_fields.empty());
}

TEST(MetadataFile, TheBodyHoldsEveryFieldAndAnEmptyUnknownList) {
  const MappedRun m = from_file(metadata());
  ASSERT_TRUE(m.run) << m.detail;
  const std::string json = m.run->to_json();
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_TRUE(doc.IsObject()) << json;
  EXPECT_STREQ(doc["run_id"].GetString(), "run-1");
  EXPECT_STREQ(doc["started_at"].GetString(), "2026-04-04T01:00:00Z");
  EXPECT_STREQ(doc["completed_at"].GetString(), "2026-04-04T01:30:00Z");
  ASSERT_TRUE(doc["metrics"].IsObject());
  EXPECT_DOUBLE_EQ(doc["metrics"]["rmse"].GetDouble(), 0.5);
  EXPECT_STREQ(doc["metadata_path"].GetString(), "/runs/r.json");
  ASSERT_TRUE(doc["unknown_fields"].IsArray()) << json;
  EXPECT_EQ(doc["unknown_fields"].Size(), 0u);
  EXPECT_EQ(doc.MemberCount(), 11u) << json;
}

TEST(MetadataFile, TimesAreWrittenInUtc) {
  const MappedRun m = from_file(metadata(
      R"("started_at":"2026-04-04T03:00:00+02:00","completed_at":"2026-04-04t01:30:00.250000z")"));
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->started_at, "2026-04-04T01:00:00Z");
  EXPECT_EQ(m.run->completed_at, "2026-04-04T01:30:00.25Z");
}

TEST(MetadataFile, UnwrittenDatasetVersionAndArtifactFallBackToUnknownAndAreNamed) {
  const MappedRun m =
      from_file(R"({"run_id":"r","model_name":"m","completed_at":"2026-04-04T01:30:00Z"})");
  ASSERT_TRUE(m.run) << m.detail;
  const TrainingRun& r = *m.run;
  EXPECT_EQ(r.model_version, "unknown");
  EXPECT_EQ(r.input_dataset_name, "unknown");
  EXPECT_EQ(r.input_dataset_version, "unknown");
  EXPECT_EQ(r.artifact_path, "unknown");
  EXPECT_EQ(r.unknown_fields, (std::vector<std::string>{"model_version", "input_dataset_name",
                                                        "input_dataset_version", "artifact_path"}));
  EXPECT_TRUE(r.metrics.empty());
  EXPECT_TRUE(r.started_at.empty());
  EXPECT_EQ(r.to_json().find("started_at"), std::string::npos) << "left out when not written";
}

TEST(MetadataFile, EmptyAndNullCountAsNotWritten) {
  const MappedRun m = from_file(metadata(R"("input_dataset_name":"","artifact_path":null)"));
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->input_dataset_name, "unknown");
  EXPECT_EQ(m.run->artifact_path, "unknown");
  EXPECT_EQ(m.run->unknown_fields,
            (std::vector<std::string>{"input_dataset_name", "artifact_path"}));
  expect_problem(from_file(metadata(R"("run_id":"")")), "missing_field", "run_id");
}

TEST(MetadataFile, VersionsMayBeIntegers) {
  const MappedRun m = from_file(metadata(R"("model_version":3,"input_dataset_version":20260403)"));
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->model_version, "3");
  EXPECT_EQ(m.run->input_dataset_version, "20260403");
}

TEST(MetadataFile, CompletedAtElseCreatedAt) {
  const MappedRun created =
      from_file(metadata(R"("created_at":"2026-04-04T02:00:00Z")", "completed_at"));
  ASSERT_TRUE(created.run) << created.detail;
  EXPECT_EQ(created.run->completed_at, "2026-04-04T02:00:00Z");
  const MappedRun both = from_file(metadata(R"("created_at":"2026-04-04T02:00:00Z")"));
  ASSERT_TRUE(both.run) << both.detail;
  EXPECT_EQ(both.run->completed_at, "2026-04-04T01:30:00Z");
  expect_problem(from_file(metadata("", "completed_at")), "missing_field", "completed_at");
}

TEST(MetadataFile, RunIdAndModelNameAreRequired) {
  expect_problem(from_file(metadata("", "run_id")), "missing_field", "run_id");
  expect_problem(from_file(metadata("", "model_name")), "missing_field", "model_name");
}

TEST(MetadataFile, FieldsOfTheWrongTypeAreRefused) {
  expect_problem(from_file(metadata(R"("run_id":{"id":1})")), "wrong_type", "\"run_id\"");
  expect_problem(from_file(metadata(R"("model_name":7)")), "wrong_type", "\"model_name\"");
  expect_problem(from_file(metadata(R"("model_version":3.5)")), "wrong_type",
                 "\"model_version\" is not a string or an integer");
  expect_problem(from_file(metadata(R"("input_dataset_name":["a"])")), "wrong_type",
                 "\"input_dataset_name\"");
  expect_problem(from_file(metadata(R"("started_at":1712192400)")), "wrong_type", "\"started_at\"");
  expect_problem(from_file(metadata(R"("artifact_path":true)")), "wrong_type", "\"artifact_path\"");
}

TEST(MetadataFile, MetricsAreAnObjectOfNumbers) {
  expect_problem(from_file(metadata(R"("metrics":[0.5])")), "wrong_type",
                 "\"metrics\" is not an object");
  expect_problem(from_file(metadata(R"("metrics":{"rmse":"0.5"})")), "wrong_type",
                 "\"metrics.rmse\" is not a number");
  expect_problem(from_file(metadata(R"("metrics":{"ok":true})")), "wrong_type", "metrics.ok");
  expect_problem(from_file(metadata(R"("metrics":{"per_class":{"a":1}})")), "wrong_type",
                 "metrics.per_class");
  const MappedRun ints = from_file(metadata(R"("metrics":{"epochs":12,"loss":-0.25})"));
  ASSERT_TRUE(ints.run) << ints.detail;
  EXPECT_EQ(ints.run->metrics, (std::map<std::string, double>{{"epochs", 12.0}, {"loss", -0.25}}));
}

TEST(MetadataFile, BadTimesAreRefused) {
  expect_problem(from_file(metadata(R"("started_at":"2026-04-04 25:00:00Z")")), "bad_timestamp",
                 "started_at");
  expect_problem(from_file(metadata(R"("completed_at":"yesterday")")), "bad_timestamp",
                 "completed_at \"yesterday\"");
  expect_problem(from_file(metadata(R"("created_at":"2026-02-30T00:00:00Z")", "completed_at")),
                 "bad_timestamp", "created_at");
  expect_problem(from_file(metadata(R"("completed_at":"2026-04-04T01:30:00")")), "bad_timestamp",
                 "completed_at");
}

TEST(MetadataFile, CompletedBeforeStartedIsRefusedAndTheSameInstantIsNot) {
  expect_problem(from_file(metadata(R"("completed_at":"2026-04-04T00:59:59.999Z")")),
                 "completed_before_started", "before started_at 2026-04-04T01:00:00Z");
  // The same instant written with another offset.
  const MappedRun same = from_file(metadata(R"("completed_at":"2026-04-04T03:00:00+02:00")"));
  ASSERT_TRUE(same.run) << same.detail;
  EXPECT_EQ(same.run->completed_at, same.run->started_at);
}

TEST(MetadataFile, TextThatIsNotOneJsonObjectIsInvalid) {
  expect_problem(from_file("{\"run_id\":"), "invalid_json", "not JSON (offset");
  expect_problem(from_file("[]"), "invalid_json", "not a JSON object");
  expect_problem(from_file(""), "invalid_json", "not JSON");
  expect_problem(from_file("{\"run_id\":\"r\xff\"}"), "invalid_json", "not JSON");
  EXPECT_TRUE(from_file(metadata()).file.empty());
}

BundleTexts churn_bundle() {
  BundleTexts t;
  t.metadata = fixture("bundle_churn/metadata.json");
  t.metrics = fixture("bundle_churn/metrics.json");
  t.model_uri = fixture("bundle_churn/model_uri.txt");
  return t;
}

TEST(Bundle, TheChurnFixtureMapsToTheContract) {
  const MappedRun m = map_bundle("/runs/bundle_churn", churn_bundle());
  ASSERT_TRUE(m.run) << m.reason << ": " << m.detail;
  const TrainingRun& r = *m.run;
  EXPECT_EQ(r.run_id, "run-2026-04-04-001");
  EXPECT_EQ(r.model_name, "churn_model");
  EXPECT_EQ(r.model_version, "3");
  EXPECT_EQ(r.input_dataset_name, "churn_features");
  EXPECT_EQ(r.input_dataset_version, "20260403_230612");
  EXPECT_EQ(r.started_at, "2026-04-04T01:00:00Z");
  EXPECT_EQ(r.completed_at, "2026-04-04T01:30:00Z");  // created_at
  EXPECT_EQ(r.metrics,
            (std::map<std::string, double>{{"mae", 0.287}, {"rmse", 0.412}, {"test_auc", 0.91}}));
  EXPECT_EQ(r.artifact_path, "s3://models/churn_model/3");  // trimmed of its newline
  EXPECT_EQ(r.metadata_path, "/runs/bundle_churn");
  EXPECT_TRUE(r.unknown_fields.empty());
}

TEST(Bundle, AMinimalBundleFallsBackToUnknown) {
  BundleTexts t;
  t.metadata = fixture("bundle_minimal/metadata.json");
  const MappedRun m = map_bundle("/runs/bundle_minimal", t);
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->model_name, "fraud_model");
  EXPECT_EQ(m.run->model_version, "12");
  EXPECT_EQ(m.run->completed_at, "2026-04-05T06:15:30Z");
  EXPECT_TRUE(m.run->metrics.empty()) << "no metrics.json: no metrics";
  EXPECT_EQ(
      m.run->unknown_fields,
      (std::vector<std::string>{"input_dataset_name", "input_dataset_version", "artifact_path"}));
  t.model_uri = " \n\t";
  const MappedRun blank = map_bundle("/runs/bundle_minimal", t);
  ASSERT_TRUE(blank.run) << blank.detail;
  EXPECT_EQ(blank.run->artifact_path, "unknown");
}

TEST(Bundle, RenamedMetricsWinOverTheirNewName) {
  BundleTexts t = churn_bundle();
  t.metrics = R"({"rmse":9,"test_rmse":0.4,"mae":1})";
  const MappedRun m = map_bundle("/b", t);
  ASSERT_TRUE(m.run) << m.detail;
  EXPECT_EQ(m.run->metrics, (std::map<std::string, double>{{"mae", 1.0}, {"rmse", 0.4}}));
}

TEST(Bundle, CandidateNameIsTheModelName) {
  BundleTexts t = churn_bundle();
  t.metadata = R"({"run_id":"r","model_name":"m","created_at":"2026-04-04T01:30:00Z"})";
  const MappedRun m = map_bundle("/b", t);
  expect_problem(m, "missing_field", "metadata.json: no candidate_name");
  EXPECT_EQ(m.file, "metadata.json");
}

TEST(Bundle, ProblemsNameTheFileTheyAreIn) {
  BundleTexts bad_metrics = churn_bundle();
  bad_metrics.metrics = "{\"test_rmse\":";
  MappedRun m = map_bundle("/b", bad_metrics);
  expect_problem(m, "invalid_json", "metrics.json: the file is not JSON");
  EXPECT_EQ(m.file, "metrics.json");

  bad_metrics.metrics = R"({"test_mae":"0.3"})";
  m = map_bundle("/b", bad_metrics);
  expect_problem(m, "wrong_type", "metrics.json: \"test_mae\" is not a number");
  EXPECT_EQ(m.file, "metrics.json");

  bad_metrics.metrics = "[1,2]";
  expect_problem(map_bundle("/b", bad_metrics), "invalid_json", "not a JSON object");

  BundleTexts bad_metadata = churn_bundle();
  bad_metadata.metadata = "not json";
  m = map_bundle("/b", bad_metadata);
  expect_problem(m, "invalid_json", "metadata.json: the file is not JSON");
  EXPECT_EQ(m.file, "metadata.json");

  bad_metadata.metadata = R"({"run_id":"r","candidate_name":"m","created_at":20260404})";
  expect_problem(map_bundle("/b", bad_metadata), "wrong_type", "metadata.json: \"created_at\"");

  bad_metadata.metadata = R"({"run_id":"r","candidate_name":"m"})";
  expect_problem(map_bundle("/b", bad_metadata), "missing_field", "no completed_at");

  bad_metadata.metadata =
      R"({"run_id":"r","candidate_name":"m","created_at":"2026-04-04T00:00:00Z",)"
      R"("started_at":"2026-04-04T01:00:00Z"})";
  m = map_bundle("/b", bad_metadata);
  expect_problem(m, "completed_before_started",
                 "created_at 2026-04-04T00:00:00Z is before started_at");
  EXPECT_EQ(m.file, "metadata.json");
}

}  // namespace
}  // namespace mlobs::training_adapter
